using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: at every minimum log level, seeded calls meet every kind of answer and failure, each quoting the
/// credentials (a body echoing the password and the Authorization header, a handler exception quoting them in its
/// message and in its inner chain, a malformed body, a timeout, a cancelled call). The app logs each exception it
/// catches, as apps do. No record of the logging policy or of the app (text, structured values, exception) ever holds
/// the password or its Basic token, and at Information or below each attempt has its one line.
/// </summary>
public sealed class LoggingPolicySecretTests
{
    private const int Cases = 8;

    [Fact]
    public async Task No_record_at_any_level_of_any_outcome_holds_the_credentials()
    {
        var random = new Random(20261126);
        foreach (var level in Enum.GetValues<LogLevel>())
        {
            var password = "pw-" + SeededSecrets.Password(random) + "-end";
            var apiId = SeededSecrets.ApiId(random);
            var token = RecordingHandler.Token(apiId, password);
            var logs = new StructuredLogs();
            var handler = new HostileHandler(apiId, password);
            var services = new ServiceCollection();
            services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(level));
            services.AddQiwiPullClient(o =>
            {
                (o.ApiId, o.ApiPassword, o.ShopId, o.BaseUrl, o.Timeout) = (apiId, password, 7, new Uri("https://api.qiwi.test/p"), TimeSpan.FromMilliseconds(100));
                (o.Retry.MaxAttempts, o.Retry.BaseDelay, o.Retry.MaxDelay) = (2, TimeSpan.Zero, TimeSpan.Zero);
            }).ConfigurePrimaryHttpMessageHandler(() => handler);
            await using var provider = services.BuildServiceProvider();
            var app = provider.GetRequiredService<ILoggerFactory>().CreateLogger("App");

            for (var i = 0; i < 2 * Cases; i++)
            {
                var bill = $"C{i % Cases}-{random.Next():x}";
                using var cancel = new CancellationTokenSource();
                if (i % Cases == 7)
                {
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(20));
                }

                try
                {
                    await provider.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync(bill, cancel.Token);
                }
                catch (Exception exception) when (exception is QiwiException or OperationCanceledException)
                {
                    app.LogError(exception, "Bill {Bill} failed: {Message}", bill, exception.Message);
                    Assert.DoesNotContain(password, exception.ToString(), StringComparison.Ordinal);
                    Assert.DoesNotContain(token, exception.ToString(), StringComparison.Ordinal);
                }
            }

            Assert.All(logs.Records, record =>
            {
                Assert.True(!record.Contains(password, StringComparison.Ordinal) && !record.Contains(token, StringComparison.Ordinal), $"seed 20261126, level {level}: a record holds the credentials: {record}");
            });
            var attempts = logs.Records.Count(r => r.StartsWith("Qiwi.Client.QiwiPull ", StringComparison.Ordinal));
            Assert.Equal(level <= LogLevel.Information ? handler.Requests : level == LogLevel.Warning ? handler.Failures : 0, attempts);
        }
    }

    /// <summary>Answers by the case in the bill id ("C3-..."), every answer and failure quoting the credentials.</summary>
    private sealed class HostileHandler(string apiId, string password) : HttpMessageHandler
    {
        private int _requests;
        private int _failures;

        public int Requests => _requests;

        /// <summary>Attempts that ended without an HTTP answer (the policy logs those as warnings).</summary>
        public int Failures => _failures;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var bill = request.RequestUri!.Segments[^1];
            var header = request.Headers.Authorization!.ToString();
            var quoted = JsonQuote(password + " " + header + " " + apiId + ":" + password);
            switch (bill[1] - '0')
            {
                case 0:
                    return Json(HttpStatusCode.OK, "{\"response\":{\"result_code\":0,\"bill\":{\"bill_id\":\"" + bill + "\",\"amount\":\"10.00\",\"ccy\":\"RUB\",\"status\":\"paid\",\"error\":0,\"user\":\"tel:+79031234567\",\"comment\":" + quoted + "}}}");
                case 1:
                    return Json(HttpStatusCode.OK, "{\"response\":{\"result_code\":150,\"description\":" + quoted + "}}");
                case 2:
                    return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>" + header + " " + password + "</html>", Encoding.UTF8, "text/html") };
                case 3:
                    Interlocked.Increment(ref _failures);
                    throw new HttpRequestException("refused for " + password, new IOException("while sending " + header, new InvalidOperationException(apiId + ":" + password)));
                case 4:
                    Interlocked.Increment(ref _failures);
                    throw new InvalidOperationException("handler saw " + header) { Data = { ["password"] = password } };
                case 5:
                    return Json(HttpStatusCode.OK, "{\"response\":{\"result_code\":0,\"bill\":" + quoted + "}}");
                default: // 6: the attempt's timeout; 7: the caller cancels
                    Interlocked.Increment(ref _failures);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    throw new System.Diagnostics.UnreachableException();
            }
        }

        private static string JsonQuote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

        private static HttpResponseMessage Json(HttpStatusCode status, string body)
            => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
