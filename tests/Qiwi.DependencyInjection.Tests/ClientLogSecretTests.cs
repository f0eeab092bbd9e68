using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: every log of a registered client at every level, read as a structured sink reads it (the state's
/// values, arrays included, and the scopes), never holds the API password or its Basic token, and each attempt,
/// a timed-out one too, has its line.
/// </summary>
public sealed class ClientLogSecretTests
{
    private const string Password = "di-red-team-password";

    [Fact]
    public async Task No_log_state_scope_or_text_at_any_level_holds_the_credentials_and_each_attempt_is_logged()
    {
        var logs = new StructuredLogs();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddQiwiPullClient(o =>
        {
            (o.ApiId, o.ApiPassword, o.ShopId, o.BaseUrl) = ("23441234", Password, 1, new Uri("https://api.qiwi.test"));
            (o.Timeout, o.Retry.MaxAttempts, o.Retry.BaseDelay, o.Retry.MaxDelay) = (TimeSpan.FromMilliseconds(100), 2, TimeSpan.Zero, TimeSpan.Zero);
        }).ConfigurePrimaryHttpMessageHandler(() => new HangOnceThenEchoHandler());
        using var provider = services.BuildServiceProvider();

        // The first attempt times out; the second is answered 150 with the Authorization header echoed back.
        var error = await Assert.ThrowsAsync<QiwiApiException>(() => provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B1"));

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("23441234:" + Password));
        Assert.NotEmpty(logs.Records);
        Assert.All(logs.Records, record =>
        {
            Assert.DoesNotContain(Password, record, StringComparison.Ordinal);
            Assert.DoesNotContain(token, record, StringComparison.Ordinal);
        });
        Assert.Contains("Basic ***", error.RawBody, StringComparison.Ordinal); // the echo did come back, the token as ***
        Assert.DoesNotContain(token, error.RawBody, StringComparison.Ordinal);
        var attempts = logs.Records.Where(r => r.StartsWith("Qiwi.Client.QiwiPull ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Contains("attempt 1 cancelled", attempts[0], StringComparison.Ordinal);
        Assert.Contains("attempt 2: HTTP 200", attempts[1], StringComparison.Ordinal);
    }

    private sealed class HangOnceThenEchoHandler : HttpMessageHandler
    {
        private int _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var body = "{\"response\":{\"result_code\":150,\"description\":\"" + request.Headers.Authorization + "\"}}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
