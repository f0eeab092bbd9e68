using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>
/// While no <see cref="ActivityListener"/> listens, the pipeline calls the retry policy directly instead of going
/// through the tracing policy. Each seeded fault script (a server answering every request with the next of: a
/// lost connection, a foreign cancellation, HTTP 500, temporary and final result codes, a payload of this or another
/// object, garbage, the caller cancelling) is played to the same call twice, once with nobody listening and once with
/// a listener sampling everything, and the two must be the same: the same requests in the same order, the same
/// payload or the same exception (type, message, result code, every attempt of an ambiguous write and whether its
/// outcome was known, the failed status read).
/// </summary>
public sealed class ListenerShortcutDifferentialTests
{
    private static readonly string[] Faults =
    [
        "reset", "foreign-cancel", "500", "13", "300", "5", "242", "210", "150", "bill-paid", "bill-waiting", "bill-rejected",
        "refund", "refund-other", "garbage", "caller-cancel",
    ];

    private static readonly string[] Operations = ["getBillStatus", "createBill", "createRefund", "cancelBill", "getRefundStatus"];

    /// <summary>
    /// Marks this test's own calls. A listener hears every activity in the process, and the other test classes run
    /// their calls in parallel with this one, so only activities started on this flow are counted.
    /// </summary>
    private static readonly AsyncLocal<bool> Ours = new();

    [Fact]
    public async Task Every_fault_script_ends_the_same_with_and_without_a_listener()
    {
        var random = new Random(16_3003);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 1200; round++)
        {
            var operation = Operations[random.Next(Operations.Length)];
            var maxAttempts = random.Next(1, 5);
            var script = Enumerable.Range(0, 10).Select(_ => Faults[random.Next(Faults.Length)]).ToArray();

            Assert.False(QiwiTelemetry.Source.HasListeners(), "a listener is registered: the shortcut would not be taken");
            var direct = await PlayAsync(operation, maxAttempts, script);

            var started = new List<string>();
            using (var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == QiwiTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = activity =>
                {
                    if (Ours.Value)
                    {
                        started.Add(activity.OperationName);
                    }
                },
            })
            {
                ActivitySource.AddActivityListener(listener);
                Ours.Value = true;
                var traced = await PlayAsync(operation, maxAttempts, script);
                Ours.Value = false;
                // The call is traced (a status read that settles a write is a call of its own, traced inside it).
                Assert.Equal("Qiwi " + operation, started[0]);
                Assert.All(started.Skip(1), name => Assert.Contains(name, new[] { "Qiwi getBillStatus", "Qiwi getRefundStatus" }));
                Assert.True(direct == traced, $"{operation}, {maxAttempts} attempts, script {string.Join(" ", script)}:\nwithout a listener: {direct}\nwith a listener:    {traced}");
            }

            outcomes.Add(direct.Outcome.Split(':')[0]);
        }

        // The scripts reached every kind of end: payloads, definite failures, ambiguous writes, the caller's cancellation.
        Assert.Superset(new HashSet<string> { "ok", nameof(QiwiApiException), nameof(QiwiTransportException), nameof(QiwiOutcomeUnknownException), nameof(QiwiProtocolException), nameof(OperationCanceledException) }, outcomes);
    }

    private static async Task<Played> PlayAsync(string operation, int maxAttempts, string[] script)
    {
        using var cancellation = new CancellationTokenSource();
        var server = new ScriptedServer(script, cancellation);
        using var http = new HttpClient(server);
        var client = new QiwiPullClient(http, new QiwiPullClientOptions
        {
            BaseUrl = new Uri("https://api.qiwi.test/"),
            ShopId = ClientFixture.ShopId,
            ApiId = ClientFixture.ApiId,
            ApiPassword = ClientFixture.ApiPassword,
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero)),
            Retry = new QiwiRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        });
        var token = cancellation.Token;
        string outcome;
        try
        {
            object payload = operation switch
            {
                "getBillStatus" => await client.GetBillStatusAsync("BILL-1", token),
                "createBill" => await client.CreateBillAsync("BILL-1", "tel:+79031234567", 10m, "RUB", "test", new DateTimeOffset(2026, 1, 11, 12, 0, 0, TimeSpan.Zero), cancellationToken: token),
                "createRefund" => await client.CreateRefundAsync("BILL-1", "REF1", 5m, token),
                "cancelBill" => await client.CancelBillAsync("BILL-1", token),
                _ => await client.GetRefundStatusAsync("BILL-1", "REF1", token),
            };
            outcome = "ok:" + JsonSerializer.Serialize(payload, payload.GetType());
        }
        catch (Exception exception)
        {
            outcome = Describe(exception, token);
        }

        return new Played(outcome, string.Join(" | ", server.Seen));
    }

    private static string Describe(Exception exception, CancellationToken token)
    {
        var text = new StringBuilder(exception.GetType().Name).Append(": ").Append(exception.Message);
        switch (exception)
        {
            case QiwiApiException api:
                text.Append(" code ").Append(api.ResultCode);
                break;
            case QiwiOutcomeUnknownException unknown:
                text.Append(" attempts ").AppendJoin(", ", unknown.Attempts.Select(a => $"{a.Number} {a.Error.GetType().Name} known {a.OutcomeKnown}"));
                text.Append(" read ").Append(unknown.StatusReadFailure is null ? "-" : Describe(unknown.StatusReadFailure, token));
                break;
            case OperationCanceledException cancelled:
                text.Append(" the caller's ").Append(cancelled.CancellationToken == token);
                break;
        }

        if (exception is QiwiException { OperationId: var id })
        {
            text.Append(" op ").Append(id);
        }

        return exception.InnerException is { } inner ? text.Append(" <- ").Append(inner.GetType().Name).ToString() : text.ToString();
    }

    private sealed record Played(string Outcome, string Requests);

    /// <summary>Answers the n-th request with the n-th entry of the script (then result code 9999); records what it was asked.</summary>
    private sealed class ScriptedServer(string[] script, CancellationTokenSource caller) : HttpMessageHandler
    {
        private int _next;

        public List<string> Seen { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Seen.Add($"{request.Method} {request.RequestUri!.PathAndQuery} {body}");
            var fault = _next < script.Length ? script[_next++] : "end";
            return fault switch
            {
                "reset" => throw new HttpRequestException("connection reset"),
                "foreign-cancel" => throw new TaskCanceledException("HttpClient.Timeout"),
                "caller-cancel" => Cancel(),
                "500" => Reply(HttpStatusCode.InternalServerError, "<html><body>500</body></html>", "text/html"),
                "bill-paid" => Reply(HttpStatusCode.OK, Docs.BillPaidJson),
                "bill-waiting" => Reply(HttpStatusCode.OK, Docs.BillWaitingJson),
                "bill-rejected" => Reply(HttpStatusCode.OK, Docs.BillRejectedJson),
                "refund" => Reply(HttpStatusCode.OK, Docs.RefundJson("REF1", "5.00")),
                "refund-other" => Reply(HttpStatusCode.OK, Docs.RefundJson("REF1", "7.00")),
                "garbage" => Reply(HttpStatusCode.OK, "{\"response\":{\"result_code\":0,\"bill\":"),
                "end" => Reply(HttpStatusCode.OK, Docs.ErrorJson(9999)),
                _ => Reply(HttpStatusCode.OK, Docs.ErrorJson(int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture))),
            };
        }

        private HttpResponseMessage Cancel()
        {
            caller.Cancel();
            throw new TaskCanceledException("cancelled", null, caller.Token);
        }

        private static HttpResponseMessage Reply(HttpStatusCode status, string body, string contentType = "application/json")
            => new(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", contentType } } } };
    }
}
