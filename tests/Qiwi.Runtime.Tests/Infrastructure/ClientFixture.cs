using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>A generated client on a fake server and a fake clock (2026-01-10 12:00 UTC).</summary>
internal sealed class ClientFixture : IDisposable
{
    public const string ApiId = "23441234";
    public const string ApiPassword = "453Fdgd44-secret";
    public const long ShopId = 373712;

    public ClientFixture(QiwiMediaType mediaType = QiwiMediaType.Json, int maxAttempts = 3)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
        Options = new QiwiPullClientOptions
        {
            BaseUrl = new Uri("https://api.qiwi.test/"),
            ShopId = ShopId,
            ApiId = ApiId,
            ApiPassword = ApiPassword,
            MediaType = mediaType,
            TimeProvider = Clock,
            Timeout = TimeSpan.FromSeconds(30),
            Retry = new QiwiRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), Jitter = static () => 0.5 },
        };
        Http = new HttpClient(Handler);
        Client = new QiwiPullClient(Http, Options);
    }

    public FakeHandler Handler { get; } = new();

    public FakeTimeProvider Clock { get; }

    public QiwiPullClientOptions Options { get; }

    public HttpClient Http { get; }

    public QiwiPullClient Client { get; }

    public DateTimeOffset Tomorrow => Clock.GetUtcNow().AddDays(1);

    /// <summary>Runs <paramref name="call"/> while moving the fake clock forward until it completes (retry delays, timeouts).</summary>
    public async Task<T> WithClockRunning<T>(Func<Task<T>> call)
    {
        var task = call();
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            Clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        return await task;
    }

    public void Dispose() => Http.Dispose();
}
