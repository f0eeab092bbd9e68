using Microsoft.Extensions.Time.Testing;

namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>A <see cref="QiwiPipeline"/> with the hand-written reader and catalog, on the in-memory server and a fake clock; no retries.</summary>
internal sealed class PipelineFixture : IDisposable
{
    public const string ApiId = "Aladdin";
    public const string ApiPassword = "open sesame";

    public PipelineFixture(QiwiMediaType mediaType = QiwiMediaType.Json, string baseUrl = "https://api.qiwi.test/", string apiId = ApiId, string apiPassword = ApiPassword, TimeProvider? clock = null, TimeSpan? timeout = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
        Options = new QiwiClientOptions
        {
            BaseUrl = new Uri(baseUrl),
            ApiId = apiId,
            ApiPassword = apiPassword,
            MediaType = mediaType,
            TimeProvider = clock ?? Clock,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            Retry = new QiwiRetryOptions { MaxAttempts = 1 },
        };
        Http = new HttpClient(Handler);
        Pipeline = new QiwiPipeline(Http, Options, TestResultCodes.Instance);
    }

    public FakeHandler Handler { get; } = new();

    public FakeTimeProvider Clock { get; }

    public QiwiClientOptions Options { get; }

    public HttpClient Http { get; }

    public QiwiPipeline Pipeline { get; }

    /// <summary>GET /api/v2/prv/{shopId}/bills/{billId}, as generated code builds it.</summary>
    public static QiwiRequest GetBill(string billId, long shopId = 373712)
    {
        var request = new QiwiRequest(HttpMethod.Get, "getBillStatus", idempotent: true);
        request.AppendPath("/api/v2/prv/");
        request.AppendPathSegment(shopId);
        request.AppendPath("/bills/");
        request.AppendPathSegment(billId);
        return request;
    }

    /// <summary>PUT /api/v2/prv/373712/bills/{billId} with the given form fields.</summary>
    public static QiwiRequest CreateBill(string billId, params (string Name, string Value)[] form)
    {
        var request = new QiwiRequest(HttpMethod.Put, "createBill", idempotent: true);
        request.AppendPath("/api/v2/prv/");
        request.AppendPathSegment(373712);
        request.AppendPath("/bills/");
        request.AppendPathSegment(billId);
        foreach (var (name, value) in form)
        {
            request.AddForm(name, value);
        }

        return request;
    }

    public Task<TestBill> SendAsync(QiwiRequest request, CancellationToken cancellationToken = default)
        => Pipeline.SendAsync(request, TestBillReader.Instance, cancellationToken);

    public void Dispose() => Http.Dispose();
}
