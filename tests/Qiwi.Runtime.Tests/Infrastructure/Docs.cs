namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>Response bodies from the QIWI documentation (XML ones with their tags fixed, as in the spec).</summary>
internal static class Docs
{
    public const string BillWaitingJson = """{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","ccy":"RUB","status":"waiting","error":0,"user":"tel:+79031234567","comment":"My comment"}}}""";
    public const string BillPaidJson = """{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","originAmount":"10.00","ccy":"RUB","originCcy":"RUB","status":"paid","error":0,"user":"tel:+79031234567","comment":"test"}}}""";
    public const string BillRejectedJson = """{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","ccy":"RUB","status":"rejected","error":0,"user":"tel:+79031234567","comment":"My comment"}}}""";
    public const string BillRejectedXml = "<response>\n   <result_code>0</result_code>\n   <bill>\n    <bill_id>BILL-1</bill_id>\n    <amount>10.00</amount>\n    <originAmount>10.00</originAmount>\n    <ccy>RUB</ccy>\n    <originCcy>RUB</originCcy>\n    <status>rejected</status>\n    <error>0</error>\n    <user>tel:+79161234567</user>\n    <comment>test</comment>\n   </bill>\n</response>";
    public const string RefundSuccessJson = """{"response":{"result_code":0,"refund":{"refund_id":"REF1","amount":"5.00","status":"success","error":0}}}""";
    public const string RefundSuccessXml = "<response>\n  <result_code>0</result_code>\n  <refund>\n   <refund_id>REF1</refund_id>\n   <amount>5.0</amount>\n   <status>success</status>\n   <error>0</error>\n  </refund>\n</response>";
    public const string Error150Json = """{"response":{"result_code":150,"description":"Authorization failed"}}""";
    public const string Error341Xml = "<response>\n   <result_code>341</result_code>\n   <description>Authorization is failed</description>\n</response>";

    /// <summary>A paid invoice as <see cref="BillPaidJson"/>, with another bill id (JSON-escaped).</summary>
    public static string BillPaidJsonFor(string billId)
        => BillPaidJson.Replace("\"BILL-1\"", "\"" + System.Text.Json.JsonEncodedText.Encode(billId).ToString() + "\"", StringComparison.Ordinal);

    /// <summary>A successful refund as <see cref="RefundSuccessJson"/>, with another id and amount.</summary>
    public static string RefundJson(string refundId, string amount = "5.00", string status = "success")
        => "{\"response\":{\"result_code\":0,\"refund\":{\"refund_id\":\"" + refundId + "\",\"amount\":\"" + amount + "\",\"status\":\"" + status + "\",\"error\":0}}}";

    public static string ErrorJson(int code, string description = "error")
        => "{\"response\":{\"result_code\":" + code + ",\"description\":\"" + description + "\"}}";
}
