using System.Net;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>A success envelope whose payload cannot be the answer to the request is a protocol error with the raw body.</summary>
public sealed class ImpossiblePayloadTests
{
    private const string Bill = """{"response":{"result_code":0,"bill":{"bill_id":BILLID,"amount":AMOUNT,"ccy":"RUB","status":"waiting","error":0,"user":"tel:+79031234567","comment":"c"}}}""";

    [Theory]
    [InlineData("\"BILL-1\"", "\"0.00\"")]
    [InlineData("\"BILL-1\"", "\"-10.00\"")]
    [InlineData("\"BILL-1\"", "-10")]
    [InlineData("\"BILL-1\"", "\"10.001\"")]
    [InlineData("\"BILL-1\"", "10.001")]
    [InlineData("\"BILL-2\"", "\"10.00\"")]
    [InlineData("\"bill-1\"", "\"10.00\"")]
    [InlineData("true", "\"10.00\"")]
    [InlineData("{}", "\"10.00\"")]
    [InlineData("\"BILL-1\"", "true")]
    public async Task An_impossible_bill_is_a_QiwiProtocolException(string billId, string amount)
    {
        using var f = new ClientFixture(maxAttempts: 1);
        var body = Bill.Replace("BILLID", billId, StringComparison.Ordinal).Replace("AMOUNT", amount, StringComparison.Ordinal);
        f.Handler.Respond(HttpStatusCode.OK, body, "application/json");

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(body, error.RawBody);
    }

    [Theory]
    [InlineData("REF2", "5.00")]
    [InlineData("REF1", "0")]
    [InlineData("REF1", "5.005")]
    public async Task An_impossible_refund_status_is_a_QiwiProtocolException(string refundId, string amount)
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Docs.RefundJson(refundId, amount), "application/json");

        await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetRefundStatusAsync("BILL-1", "REF1"));
    }

    [Fact]
    public async Task A_possible_bill_is_accepted()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Bill.Replace("BILLID", "\"BILL-1\"", StringComparison.Ordinal).Replace("AMOUNT", "\"10.5\"", StringComparison.Ordinal), "application/json");

        var bill = await f.Client.GetBillStatusAsync("BILL-1");

        Assert.Equal(10.5m, bill.Amount);
    }
}
