using System.Net;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests;

/// <summary>Retries happen only where safe, bounded, with backoff on the client's clock, and stop on cancellation.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(13)]
    [InlineData(152)]
    [InlineData(300)]
    [InlineData(316)]
    [InlineData(319)]
    [InlineData(1003)]
    public async Task A_non_fatal_code_is_retried_until_success(int code)
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(code)).Respond(HttpStatusCode.OK, Docs.BillPaidJson);

        var bill = await f.WithClockRunning(() => f.Client.CreateBillAsync("BILL-1", "tel:+79031234567", 10m, "RUB", "test", f.Tomorrow));

        Assert.Equal(BillStatus.Paid, bill.Status);
        Assert.Equal(2, f.Handler.Requests.Count);
        Assert.Equal(f.Handler.Requests[0].Body, f.Handler.Requests[1].Body);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(150)]
    [InlineData(210)]
    [InlineData(215)]
    [InlineData(242)]
    [InlineData(934)]
    [InlineData(1018)]
    [InlineData(4242)]
    public async Task A_fatal_or_unknown_code_is_never_retried(int code)
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(code));

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 1m));

        Assert.Equal(code, error.ResultCode);
        Assert.Single(f.Handler.Requests);
    }

    [Fact]
    public async Task Attempts_are_bounded_and_the_last_error_is_thrown()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(13)).Respond(HttpStatusCode.OK, Docs.ErrorJson(13)).Respond(HttpStatusCode.OK, Docs.ErrorJson(300));

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.WithClockRunning(() => f.Client.GetBillStatusAsync("BILL-1")));

        Assert.Equal(300, error.ResultCode);
        Assert.Equal(3, f.Handler.Requests.Count);
    }

    [Fact]
    public async Task Transport_failures_timeouts_and_5xx_without_a_result_are_retried()
    {
        using var f = new ClientFixture(maxAttempts: 4);
        f.Handler.Fail(new HttpRequestException("connection reset")).Hang()
            .Respond(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html").Respond(HttpStatusCode.OK, Docs.BillPaidJson);

        var bill = await f.WithClockRunning(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(BillStatus.Paid, bill.Status);
        Assert.Equal(4, f.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_4xx_without_a_result_is_not_retried()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.Forbidden, "<html>forbidden</html>", "text/html");

        await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));
        Assert.Single(f.Handler.Requests);
    }

    [Fact]
    public async Task The_delays_grow_exponentially_on_the_clients_clock()
    {
        using var f = new ClientFixture(maxAttempts: 3);
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(13)).Respond(HttpStatusCode.OK, Docs.ErrorJson(13)).Respond(HttpStatusCode.OK, Docs.BillPaidJson);

        var call = f.Client.GetBillStatusAsync("BILL-1");
        await WaitFor(() => f.Handler.Requests.Count == 1);

        // Base 1 s, jitter fixed at 0.5: the first delay is 0.75 s, the second 1.5 s.
        f.Clock.Advance(TimeSpan.FromMilliseconds(740));
        await Task.Delay(50);
        Assert.Single(f.Handler.Requests);
        f.Clock.Advance(TimeSpan.FromMilliseconds(20));
        await WaitFor(() => f.Handler.Requests.Count == 2);
        f.Clock.Advance(TimeSpan.FromMilliseconds(1480));
        await Task.Delay(50);
        Assert.Equal(2, f.Handler.Requests.Count);
        f.Clock.Advance(TimeSpan.FromMilliseconds(40));
        await WaitFor(() => f.Handler.Requests.Count == 3);

        Assert.Equal(BillStatus.Paid, (await call).Status);
        Assert.Equal(TimeSpan.FromMilliseconds(750), f.Options.Retry.DelayBefore(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), f.Options.Retry.DelayBefore(2));
        Assert.Equal(TimeSpan.FromMilliseconds(7500), f.Options.Retry.DelayBefore(10));
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        using var f = new ClientFixture(maxAttempts: 5);
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(13)).Respond(HttpStatusCode.OK, Docs.ErrorJson(13));
        using var cancel = new CancellationTokenSource();

        var call = f.Client.GetBillStatusAsync("BILL-1", cancel.Token);
        await WaitFor(() => f.Handler.Requests.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(f.Handler.Requests);
    }

    [Fact]
    public void A_request_not_marked_idempotent_is_never_retried()
    {
        var request = new QiwiRequest(HttpMethod.Post, "somethingNew", idempotent: false);
        var idempotent = new QiwiRequest(HttpMethod.Put, "createBill", idempotent: true);
        var busy = new QiwiApiException("x", 13, "busy", null, false, HttpStatusCode.OK, "{}");
        var transport = new QiwiTransportException("x", new HttpRequestException("reset"));

        Assert.False(QiwiRetryRules.IsRetryable(request, busy));
        Assert.False(QiwiRetryRules.IsRetryable(request, transport));
        Assert.True(QiwiRetryRules.IsRetryable(idempotent, busy));
        Assert.True(QiwiRetryRules.IsRetryable(idempotent, transport));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
