using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: handlers an app adds to every HttpClient (<c>ConfigureHttpClientDefaults</c>; .NET Aspire's service
/// defaults add a standard resilience handler there, which repeats failed requests, writes included, and ends an attempt
/// at 10 s) never sit beneath the QIWI client, whose own retry rules decide what may be repeated. Handlers added on the
/// builder the registration returns do.
/// </summary>
public sealed class HttpClientDefaultsTests
{
    [Fact]
    public async Task An_app_wide_retrying_handler_does_not_repeat_the_clients_requests_and_the_clients_own_handlers_run()
    {
        var server = new UnavailableHandler();
        var own = new CountingHandler();
        var logs = new StructuredLogs();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs));
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new RetryEverythingHandler(times: 3)));
        services.AddQiwiPullClient(o => (o.ShopId, o.ApiId, o.ApiPassword, o.Retry.MaxAttempts) = (1, "1", "pw", 1))
            .AddHttpMessageHandler(() => own)
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAnyAsync<QiwiException>(() => provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B1"));

        Assert.Equal(1, server.Requests); // one attempt allowed: one request on the wire
        Assert.Equal(1, own.Requests);
        Assert.Contains(logs.Records, r => r.StartsWith("Qiwi.Client.QiwiPull QIWI client 'QiwiPull': handlers added to every HttpClient", StringComparison.Ordinal) && r.Contains(nameof(RetryEverythingHandler), StringComparison.Ordinal));
    }

    /// <summary>A stand-in for a resilience handler: repeats every request (writes too) while the answer is a 5xx.</summary>
    private sealed class RetryEverythingHandler(int times) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var i = 1; ; i++)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 || i == times)
                {
                    return response;
                }

                response.Dispose();
            }
        }
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class UnavailableHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
