using System.Net;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Recovery;

/// <summary>
/// A write whose answer was lost is settled by the status read the spec links to it (x-qiwi-outcome-read):
/// never reported as a plain failure when it took effect, never re-sent blindly unless the docs promise idempotency.
/// </summary>
public sealed class WriteRecoveryTests
{
    private const string Html500 = "<html><body>500 Internal Server Error</body></html>";

    [Fact]
    public async Task An_invoice_created_whose_answer_was_lost_and_whose_retries_met_13_and_300_is_returned_not_reported_as_busy()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Fail(new HttpRequestException("connection reset")) // committed, answer lost
            .Respond(HttpStatusCode.OK, Docs.ErrorJson(13))
            .Respond(HttpStatusCode.OK, Docs.ErrorJson(300))
            .Respond(HttpStatusCode.OK, Docs.BillPaidJson); // the status read

        var bill = await f.WithClockRunning(() => f.Client.CreateBillAsync("BILL-1", "tel:+79031234567", 10m, "RUB", "test", f.Tomorrow));

        Assert.Equal("BILL-1", bill.BillId);
        Assert.Equal(new[] { "PUT", "PUT", "PUT", "GET" }, f.Handler.Requests.Select(r => r.Method.Method));
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_read_not_resent_when_found()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Fail(new HttpRequestException("connection reset")).Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "5.00"));

        var refund = await f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal(("REF1", 5m), (refund.RefundId, refund.Amount));
        Assert.Equal(new[] { "PUT", "GET" }, f.Handler.Requests.Select(r => r.Method.Method));
    }

    [Fact]
    public async Task A_refund_is_resent_only_after_the_read_says_not_found()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Respond(HttpStatusCode.InternalServerError, Html500, "text/html")
            .Respond(HttpStatusCode.OK, Docs.ErrorJson(210))
            .Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "5.00"));

        var refund = await f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal("REF1", refund.RefundId);
        Assert.Equal(new[] { "PUT", "GET", "PUT" }, f.Handler.Requests.Select(r => r.Method.Method));
        Assert.Equal(f.Handler.Requests[0].Body, f.Handler.Requests[2].Body);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(300)]
    public async Task A_temporary_code_on_a_refund_is_not_taken_as_nothing_happened(int code)
    {
        using var f = new ClientFixture(maxAttempts: 2);
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(code)).Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "5.00"));

        var refund = await f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal("REF1", refund.RefundId);
        Assert.Equal(new[] { "PUT", "GET" }, f.Handler.Requests.Select(r => r.Method.Method));
    }

    [Fact]
    public async Task When_the_read_cannot_tell_the_outcome_is_unknown_with_every_attempt()
    {
        using var f = new ClientFixture(maxAttempts: 2);
        f.Handler.Fail(new HttpRequestException("reset")).Fail(new HttpRequestException("reset")).Respond(HttpStatusCode.OK, Docs.ErrorJson(300));

        var error = await Assert.ThrowsAsync<QiwiOutcomeUnknownException>(() => f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m)));

        Assert.Equal(new[] { "PUT", "GET", "GET" }, f.Handler.Requests.Select(r => r.Method.Method)); // never re-sent
        var attempt = Assert.Single(error.Attempts);
        Assert.False(attempt.OutcomeKnown);
        Assert.IsType<QiwiTransportException>(attempt.Error);
        Assert.IsType<QiwiApiException>(error.StatusReadFailure);
        Assert.Equal("createRefund", error.OperationId);
    }

    [Fact]
    public async Task A_single_attempt_of_unknown_outcome_is_settled_by_the_read_too()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Fail(new TimeoutException("handler gave up")).Respond(HttpStatusCode.OK, Docs.ErrorJson(210));

        var error = await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal(new[] { "PUT", "GET" }, f.Handler.Requests.Select(r => r.Method.Method)); // not found: definitely not done
        Assert.Equal("createRefund", error.OperationId);
    }

    [Fact]
    public async Task A_refund_found_with_another_amount_is_not_this_refund()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Fail(new HttpRequestException("reset")).Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", "7.00"));

        await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal(2, f.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_cancel_whose_answer_was_lost_and_whose_repeat_got_78_is_done_when_the_invoice_is_rejected()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Respond(HttpStatusCode.BadGateway, Html500, "text/html")
            .Respond(HttpStatusCode.OK, Docs.BillWaitingJson) // read: not yet rejected, re-send is safe
            .Respond(HttpStatusCode.OK, Docs.ErrorJson(78)) // the repeat is refused...
            .Respond(HttpStatusCode.OK, Docs.BillRejectedJson); // ...because the first one took effect after all

        var bill = await f.WithClockRunning(() => f.Client.CancelBillAsync("BILL-1"));

        Assert.Equal(BillStatus.Rejected, bill.Status);
        Assert.Equal(new[] { "PATCH", "GET", "PATCH", "GET" }, f.Handler.Requests.Select(r => r.Method.Method));
    }

    [Fact]
    public async Task A_cancel_of_a_paid_invoice_after_a_lost_answer_is_a_definite_failure()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Fail(new HttpRequestException("reset")).Respond(HttpStatusCode.OK, Docs.BillPaidJson);

        await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.CancelBillAsync("BILL-1"));
    }

    [Fact]
    public async Task A_definite_refusal_needs_no_read()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(242));

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m));

        Assert.Equal(242, error.ResultCode);
        Assert.Single(f.Handler.Requests);
    }
}
