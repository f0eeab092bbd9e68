using System.Net;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>The timeout is the client's (a <see cref="QiwiTimeoutException"/>, on its clock); a cancellation is the caller's (an <see cref="OperationCanceledException"/> with the caller's token).</summary>
public sealed class PipelineTimeoutTests
{
    [Fact]
    public async Task An_attempt_that_outlasts_the_timeout_on_the_fake_clock_is_a_QiwiTimeoutException()
    {
        using var f = new PipelineFixture(timeout: TimeSpan.FromSeconds(5));
        f.Handler.Hang();

        var call = f.SendAsync(PipelineFixture.GetBill("B"));
        Assert.Single(f.Handler.Requests); // the request is out, its timer started
        f.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        await Task.Yield();
        Assert.False(call.IsCompleted);
        f.Clock.Advance(TimeSpan.FromTicks(1));

        var timeout = await Assert.ThrowsAsync<QiwiTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(5), timeout.Timeout);
        Assert.Equal("getBillStatus", timeout.OperationId);
        Assert.IsAssignableFrom<OperationCanceledException>(timeout.InnerException);
    }

    [Fact]
    public async Task A_timeout_timer_firing_after_its_attempt_ended_is_harmless()
    {
        // A system timer's callback can already be on its way to a thread-pool thread when the attempt ends and
        // disposes its source: the callback must not throw (on a timer thread, an exception ends the process; it
        // did, once, in a CI run). The clock here keeps the callback, and the test fires it after the attempt.
        var clock = new LateTimers();
        using var f = new PipelineFixture(clock: clock, timeout: TimeSpan.FromSeconds(5));
        f.Handler.Respond(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B","amount":"1.00","status":"paid"}}}""", "application/json");
        using var caller = new CancellationTokenSource();   // a caller who can cancel: the linked source and its timer

        await f.SendAsync(PipelineFixture.GetBill("B"), caller.Token);

        var (callback, state) = Assert.Single(clock.Timers);
        callback(state);
    }

    /// <summary>A clock whose timers never fire by themselves; the test fires them.</summary>
    private sealed class LateTimers : TimeProvider
    {
        public List<(TimerCallback Callback, object? State)> Timers { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Timers.Add((callback, state));
            return new Never();
        }

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task The_timeout_works_on_the_system_clock_too()
    {
        using var f = new PipelineFixture(clock: TimeProvider.System, timeout: TimeSpan.FromMilliseconds(1));
        f.Handler.Hang(); // waits on the cancellation token, no sleep

        var timeout = await Assert.ThrowsAsync<QiwiTimeoutException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.Equal(TimeSpan.FromMilliseconds(1), timeout.Timeout);
    }

    [Fact]
    public async Task A_response_within_the_timeout_is_not_affected_by_the_clock_later()
    {
        using var f = new PipelineFixture(timeout: TimeSpan.FromSeconds(5));
        f.Handler.Respond(HttpStatusCode.OK, """{"response":{"result_code":0,"bill":{"bill_id":"B"}}}""");

        var bill = await f.SendAsync(PipelineFixture.GetBill("B"));
        f.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("B", bill.BillId);
    }

    [Fact]
    public async Task The_callers_cancellation_is_an_OperationCanceledException_with_the_callers_token()
    {
        using var f = new PipelineFixture();
        f.Handler.Hang();
        using var cancel = new CancellationTokenSource();

        var call = f.SendAsync(PipelineFixture.GetBill("B"), cancel.Token);
        await cancel.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancel.Token, cancelled.CancellationToken);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var f = new PipelineFixture();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.SendAsync(PipelineFixture.GetBill("B"), new CancellationToken(canceled: true)));

        Assert.True(cancelled.CancellationToken.IsCancellationRequested);
        Assert.Empty(f.Handler.Requests);
    }

    [Fact]
    public async Task The_caller_cancelling_after_the_clock_moved_is_still_a_cancellation_not_a_timeout()
    {
        using var f = new PipelineFixture(timeout: TimeSpan.FromSeconds(5));
        f.Handler.Hang();
        using var cancel = new CancellationTokenSource();

        var call = f.SendAsync(PipelineFixture.GetBill("B"), cancel.Token);
        f.Clock.Advance(TimeSpan.FromSeconds(4));
        await cancel.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancel.Token, cancelled.CancellationToken);
    }
}
