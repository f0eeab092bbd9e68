using System.Net;
using Microsoft.AspNetCore.Http;
using Qiwi.AspNetCore.Tests.Generated;
using static Qiwi.AspNetCore.Tests.NotificationServer;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// The endpoint's gate, copy by copy: a copy of a notification being handled waits for it (and then is answered from
/// the store), a client that gives up while waiting leaves, a failed or cancelled handler lets the next copy run it,
/// other notifications never wait, and the gate's table is empty once no request is in flight. Every wait is bounded
/// (<see cref="Bound"/>) so that a defect fails the test instead of hanging it; nothing is timed.
/// </summary>
public sealed class NotificationGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly KeyValuePair<string, string>[] FormA = Form("BILL-A", "paid");
    private static readonly KeyValuePair<string, string>[] FormB = Form("BILL-B", "paid");
    private static readonly string KeyA = QiwiNotificationKey.Compute(FormA);

    [Fact]
    public async Task A_copy_arriving_while_the_first_is_handled_waits_and_is_answered_from_the_store()
    {
        var blocker = new Blocker();
        var (server, gate) = await StartWithGate(new MemoryStore(), blocker.Handle);
        using var _ = server;

        var first = Post(server, FormA);
        await blocker.Entered.Task.WaitAsync(Bound);
        var second = Post(server, FormA);
        await WaitUntil(() => gate.WaitingFor(KeyA) == 1);
        Assert.Equal(1, blocker.Calls);
        blocker.Release.SetResult();

        Assert.All(await Task.WhenAll(first, second).WaitAsync(Bound), reply => Assert.Contains("<result_code>0</result_code>", reply.Body, StringComparison.Ordinal));
        Assert.Equal(1, blocker.Calls);
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task Clients_giving_up_while_waiting_leave_the_queue_and_the_rest_go_on()
    {
        var blocker = new Blocker();
        var (server, gate) = await StartWithGate(new MemoryStore(), blocker.Handle);
        using var _ = server;

        var first = Post(server, FormA);
        await blocker.Entered.Task.WaitAsync(Bound);
        var aborts = Enumerable.Range(0, 4).Select(_ => new CancellationTokenSource()).ToArray();
        var waiting = aborts.Select(abort => Post(server, FormA, cancellationToken: abort.Token)).ToArray();
        await WaitUntil(() => gate.WaitingFor(KeyA) == 4);
        foreach (var i in new[] { 2, 0, 3 })
        {
            await aborts[i].CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting[i].WaitAsync(Bound));
        }

        await WaitUntil(() => gate.WaitingFor(KeyA) == 1);
        blocker.Release.SetResult();

        Assert.Contains("<result_code>0</result_code>", (await first.WaitAsync(Bound)).Body, StringComparison.Ordinal);
        Assert.Contains("<result_code>0</result_code>", (await waiting[1].WaitAsync(Bound)).Body, StringComparison.Ordinal);
        Assert.Equal(1, blocker.Calls);
        Assert.Equal(0, gate.Count);
        Array.ForEach(aborts, abort => abort.Dispose());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_or_cancelled_handler_lets_the_waiting_copy_run_the_handler(bool cancel)
    {
        var blocker = new Blocker { FirstFails = !cancel };
        var (server, gate) = await StartWithGate(new MemoryStore(), blocker.Handle);
        using var _ = server;
        using var abort = new CancellationTokenSource();

        var first = Post(server, FormA, cancellationToken: abort.Token);
        await blocker.Entered.Task.WaitAsync(Bound);
        var second = Post(server, FormA);
        await WaitUntil(() => gate.WaitingFor(KeyA) == 1);
        if (cancel)
        {
            await abort.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Bound));
        }
        else
        {
            blocker.Release.SetResult();
            Assert.Contains("<result_code>300</result_code>", (await first.WaitAsync(Bound)).Body, StringComparison.Ordinal);
        }

        Assert.Contains("<result_code>0</result_code>", (await second.WaitAsync(Bound)).Body, StringComparison.Ordinal);
        Assert.Equal(2, blocker.Calls);
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task Another_notification_is_handled_while_one_is_blocked()
    {
        var blocker = new Blocker();
        var (server, gate) = await StartWithGate(new MemoryStore(), (notification, context, cancellationToken) =>
            notification.BillId == "BILL-A" ? blocker.Handle(notification, context, cancellationToken) : Task.CompletedTask);
        using var _ = server;

        var a = Post(server, FormA);
        await blocker.Entered.Task.WaitAsync(Bound);
        var (status, body) = await Post(server, FormB).WaitAsync(Bound);

        Assert.Equal((HttpStatusCode.OK, true), (status, body.Contains("<result_code>0</result_code>", StringComparison.Ordinal)));
        Assert.False(a.IsCompleted);
        Assert.Equal(1, gate.Count);
        blocker.Release.SetResult();
        Assert.Contains("<result_code>0</result_code>", (await a.WaitAsync(Bound)).Body, StringComparison.Ordinal);
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task Without_a_store_copies_arriving_together_run_the_handler_one_after_the_other_and_a_repeat_runs_it_again()
    {
        var blocker = new Blocker();
        var (server, gate) = await StartWithGate(null, blocker.Handle);
        using var _ = server;

        var first = Post(server, FormA);
        await blocker.Entered.Task.WaitAsync(Bound);
        var second = Post(server, FormA);
        await WaitUntil(() => gate.WaitingFor(KeyA) == 1);
        Assert.Equal(1, blocker.Calls);
        blocker.Release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Bound);
        Assert.Equal(2, blocker.Calls);

        await Post(server, FormA).WaitAsync(Bound);
        Assert.Equal(3, blocker.Calls);
        Assert.Equal(0, gate.Count);
    }

    private static async Task<(Microsoft.AspNetCore.TestHost.TestServer Server, QiwiNotificationGate Gate)> StartWithGate(IQiwiNotificationStore? store, Func<BillNotification, HttpContext, CancellationToken, Task> handler)
    {
        QiwiNotificationOptions? options = null;
        var server = await Start(o => { o.Store = store; options = o; }, handler);
        return (server, options!.Gate);
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds: another request reached a point this thread cannot await.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within the bound");
            await Task.Delay(5);
        }
    }

    /// <summary>A handler whose first call signals <see cref="Entered"/> and blocks until <see cref="Release"/> (or its request is aborted).</summary>
    private sealed class Blocker
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The first call throws once released (the change not made).</summary>
        public bool FirstFails { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public async Task Handle(BillNotification notification, HttpContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) != 1)
            {
                return;
            }

            Entered.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            if (FirstFails)
            {
                throw new InvalidOperationException("database down");
            }
        }
    }
}
