using System.Net;
using System.Text;

namespace Qiwi.Benchmarks;

/// <summary>An in-memory server answering with the docs' example responses; no network.</summary>
internal sealed class DocsResponses : HttpMessageHandler
{
    private static readonly byte[] Bill = Encoding.UTF8.GetBytes("""{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","originAmount":"10.00","ccy":"RUB","originCcy":"RUB","status":"waiting","error":0,"user":"tel:+79031234567","comment":"My comment"}}}""");
    private static readonly byte[] Rejected = Encoding.UTF8.GetBytes("""{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","ccy":"RUB","status":"rejected","error":0,"user":"tel:+79031234567","comment":"My comment"}}}""");
    private static readonly byte[] Refund = Encoding.UTF8.GetBytes("""{"response":{"result_code":0,"refund":{"refund_id":"REF1","amount":"5.00","status":"success","error":0}}}""");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A cancel is answered with the rejected invoice, as the docs show (the client refuses a cancel's success that is not).
        var body = request.RequestUri!.AbsolutePath.Contains("/refund/", StringComparison.Ordinal) ? Refund : request.Method == HttpMethod.Patch ? Rejected : Bill;
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
