using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: a refund meets a fault at every point of a call (before the server commits, after it, while the body
/// is read, a timeout or the caller's cancellation at each of these), and so do its status reads, against a server
/// that applies every refund request it commits (it does not dedupe by refund_id: the docs promise nothing). What
/// the client reports must be true of the ledger: a success is applied once, a plain failure never, an ambiguous
/// outcome (<see cref="QiwiOutcomeUnknownException"/>, the caller's cancellation) at most once; never applied twice.
/// </summary>
public sealed class RefundFaultPointTests
{
    private enum Fault
    {
        None,
        ThrowBeforeCommit,
        HangBeforeCommit,
        ThrowAfterCommit,
        HangAfterCommit,
        Html500AfterCommit,
        Busy13AfterCommit,
        BodyBreaksAfterCommit,
        BodyHangsAfterCommit,
        CallerCancelsAfterCommit,
        CallerCancelsInBody,
    }

    [Fact]
    public async Task Every_fault_point_of_a_refund_and_its_status_reads_leaves_what_the_client_reported_true()
    {
        var random = new Random(2026_1126);
        var faults = Enum.GetValues<Fault>();
        var seen = new HashSet<string>();
        for (var scenario = 0; scenario < 240; scenario++)
        {
            using var f = new ClientFixture(maxAttempts: 3);
            f.Options.Timeout = TimeSpan.FromSeconds(2);
            using var cancel = new CancellationTokenSource();
            var server = new LedgerServer(cancel, () => random.Next(3) == 0 ? faults[random.Next(faults.Length)] : Fault.None, random);
            for (var i = 0; i < 12; i++)
            {
                f.Handler.Answer(server.Answer);
            }

            Exception? error = null;
            Refund? refund = null;
            try
            {
                refund = await f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m, cancel.Token));
            }
            catch (Exception exception)
            {
                error = exception;
            }

            var applied = server.Applied;
            seen.Add(error?.GetType().Name ?? "success");
            Assert.True(applied <= 1, $"scenario {scenario}: applied {applied} times; {error}");
            switch (error)
            {
                case null:
                    Assert.Equal(1, applied);
                    Assert.Equal(("REF1", 5m), (refund!.RefundId, refund.Amount));
                    break;
                case QiwiOutcomeUnknownException:
                case OperationCanceledException when cancel.IsCancellationRequested:
                    break;
                case QiwiException:
                    Assert.True(applied == 0, $"scenario {scenario}: reported as failed but applied: {error}");
                    break;
                default:
                    Assert.Fail($"scenario {scenario}: {error}");
                    break;
            }
        }

        Assert.Superset(new HashSet<string> { "success", nameof(QiwiOutcomeUnknownException), nameof(OperationCanceledException) }, seen);
    }

    [Fact]
    public async Task A_cancel_whose_status_read_finds_an_unknown_status_is_resent_not_a_crash()
    {
        // The read's check compared the status's wire value, and an unknown status has none: ArgumentOutOfRangeException.
        using var f = new ClientFixture(maxAttempts: 2);
        f.Handler.Fail(new HttpRequestException("reset"))
            .Respond(HttpStatusCode.OK, Docs.BillRejectedJson.Replace("\"rejected\"", "\"frozen\"", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK, Docs.BillRejectedJson);

        var bill = await f.WithClockRunning(() => f.Client.CancelBillAsync("BILL-1"));

        Assert.Equal(BillStatus.Rejected, bill.Status);
        Assert.Equal(new[] { "PATCH", "GET", "PATCH" }, f.Handler.Requests.Select(r => r.Method.Method));
    }

    [Fact]
    public async Task A_cancel_settled_by_a_read_finding_an_unknown_status_fails_with_its_last_error()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Fail(new HttpRequestException("reset"))
            .Respond(HttpStatusCode.OK, Docs.BillRejectedJson.Replace("\"rejected\"", "\"frozen\"", StringComparison.Ordinal));

        await Assert.ThrowsAsync<QiwiTransportException>(() => f.WithClockRunning(() => f.Client.CancelBillAsync("BILL-1")));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public async Task A_jitter_out_of_range_does_not_fail_a_refund_between_its_attempts(double jitter)
    {
        // NaN made the delay before the status read an ArgumentException: an unknown outcome reported as a bad argument.
        using var f = new ClientFixture(maxAttempts: 2);
        f.Options.Retry.Jitter = () => jitter;
        f.Handler.Fail(new HttpRequestException("reset")).Respond(HttpStatusCode.OK, Docs.RefundJson("REF1"));

        var refund = await f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal("REF1", refund.RefundId);
    }

    /// <summary>A server with one invoice of 10.00 that applies every refund it commits, faulting where the script says.</summary>
    private sealed class LedgerServer(CancellationTokenSource caller, Func<Fault> next, Random random)
    {
        private decimal? _refund;

        public int Applied { get; private set; }

        public HttpResponseMessage? Answer(HttpRequestMessage request) => AnswerAsync(request).GetAwaiter().GetResult();

        private async Task<HttpResponseMessage?> AnswerAsync(HttpRequestMessage request)
        {
            var fault = next();
            var write = request.Method == HttpMethod.Put;
            switch (fault)
            {
                case Fault.ThrowBeforeCommit:
                    throw new HttpRequestException("connection refused");
                case Fault.HangBeforeCommit:
                    return Hanging(string.Empty);
            }

            string body;
            if (write)
            {
                var amount = decimal.Parse((await request.Content!.ReadAsStringAsync()).Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
                Applied++;
                _refund = amount;
                body = Docs.RefundJson("REF1", amount.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                body = _refund is { } amount ? Docs.RefundJson("REF1", amount.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)) : Docs.ErrorJson(210);
            }

            var cut = random.Next(body.Length);
            switch (fault)
            {
                case Fault.ThrowAfterCommit:
                    throw new HttpRequestException("connection reset");
                case Fault.HangAfterCommit:
                    return Hanging(string.Empty);
                case Fault.Html500AfterCommit:
                    return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>500</html>", Encoding.UTF8, "text/html") };
                case Fault.Busy13AfterCommit:
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Docs.ErrorJson(13), Encoding.UTF8, "application/json") };
                case Fault.BodyBreaksAfterCommit:
                    return Streaming(new FaultingBody(Encoding.UTF8.GetBytes(body), cut, hang: false));
                case Fault.BodyHangsAfterCommit:
                    return Hanging(body[..cut]);
                case Fault.CallerCancelsAfterCommit:
                    await caller.CancelAsync();
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                case Fault.CallerCancelsInBody:
                    var hanging = Hanging(body[..cut]);
                    await caller.CancelAsync();
                    return hanging;
                default:
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            }
        }

        private static HttpResponseMessage Hanging(string start) => Streaming(new FaultingBody(Encoding.UTF8.GetBytes(start), start.Length, hang: true));

        private static HttpResponseMessage Streaming(Stream body)
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }
    }
}
