using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>services.AddQiwiPullClient(...): IHttpClientFactory, start-up validation, logs without secrets, tracing.</summary>
public sealed class DependencyInjectionTests
{
    private const string Password = "di-secret-password";

    [Fact]
    public async Task The_generated_registration_gives_a_working_client_with_logs_that_hold_the_bill_id_but_no_secret()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = Build(logs, o => { o.ApiId = "23441234"; o.ApiPassword = Password; o.ShopId = 373712; o.BaseUrl = new Uri("https://api.qiwi.test"); });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var client = provider.GetRequiredService<IQiwiPullClient>();
        var bill = await client.GetBillStatusAsync("ORDER-77");

        Assert.Equal(BillStatus.Paid, bill.Status);
        var line = Assert.Single(logs.Lines, l => l.Contains("getBillStatus", StringComparison.Ordinal));
        Assert.Contains("ORDER-77", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 200", line, StringComparison.Ordinal);
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Password, l, StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("23441234:" + Password)), l, StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_options_fail_at_start_up_naming_the_option_and_not_the_password()
    {
        using var provider = Build(new CapturingLoggerProvider(), o => { o.ApiId = ""; o.ApiPassword = Password; o.ShopId = 373712; });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ApiId", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ShopId is required")]
    [InlineData(-1L, "at least 0")]
    public void A_missing_or_invalid_client_level_setting_fails_at_start_up_naming_it(long? shopId, string rule)
    {
        using var provider = Build(new CapturingLoggerProvider(), o => { o.ApiId = "23441234"; o.ApiPassword = Password; o.ShopId = shopId; });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ShopId", exception.Message, StringComparison.Ordinal);
        Assert.Contains(rule, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_setting_moves_the_api_and_every_redirect_of_the_registered_client()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = Build(logs, o => { o.ApiId = "23441234"; o.ApiPassword = Password; o.ShopId = 373712; o.UseSandbox(new Uri("http://127.0.0.1:5080/")); });
        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<IQiwiPullClient>();

        await client.GetBillStatusAsync("ORDER-78");

        Assert.Contains(logs.Lines, l => l.Contains("/api/v2/prv/373712/bills/ORDER-78", StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:5080/form?shop=373712&transaction=ORDER-78", client.Redirects.Checkout("373712", "ORDER-78").AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_call_is_one_activity_of_the_qiwi_source()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == QiwiTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var provider = Build(new CapturingLoggerProvider(), o => { o.ApiId = "1"; o.ApiPassword = Password; o.ShopId = 1; });

        await provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("TRACE-1");

        var activity = Assert.Single(activities, a => a.GetTagItem("url.path") is string path && path.EndsWith("/TRACE-1", StringComparison.Ordinal));
        Assert.Equal("Qiwi getBillStatus", activity.DisplayName);
        Assert.Equal(1, activity.GetTagItem("qiwi.attempts"));
    }

    private static ServiceProvider Build(CapturingLoggerProvider logs, Action<QiwiPullClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddQiwiPullClient(configure).ConfigurePrimaryHttpMessageHandler(() => new PaidHandler());
        return services.BuildServiceProvider();
    }

    private sealed class PaidHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                // The bill asked for: the client refuses a success about another invoice.
                Content = new StringContent("""{"response":{"result_code":0,"bill":{"bill_id":"BILL","amount":"10.00","ccy":"RUB","status":"paid","error":0,"user":"tel:+79031234567"}}}""".Replace("BILL", request.RequestUri!.Segments[^1], StringComparison.Ordinal), Encoding.UTF8, "application/json"),
            });
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
        }
    }
}
