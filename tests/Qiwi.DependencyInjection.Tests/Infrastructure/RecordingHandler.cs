using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Qiwi.DependencyInjection.Tests.Infrastructure;

/// <summary>One request as the server saw it: its URL and the Basic token of its Authorization header.</summary>
internal sealed record SeenRequest(Uri Url, string? BasicToken);

/// <summary>Answers every bill status read with a paid bill of the id asked for, and records each request.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>The Basic token of <c>apiId:password</c> in UTF-8, as the Authorization header must carry it.</summary>
    public static string Token(string apiId, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + password));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(new SeenRequest(request.RequestUri!, request.Headers.Authorization?.Parameter));
        var bill = """{"response":{"result_code":0,"bill":{"bill_id":"BILL","amount":"10.00","ccy":"RUB","status":"paid","error":0,"user":"tel:+79031234567"}}}""";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(bill.Replace("BILL", request.RequestUri!.Segments[^1], StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        });
    }
}
