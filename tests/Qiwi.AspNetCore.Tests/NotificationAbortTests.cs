namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// QIWI giving up on a request (its timeout, a dropped connection) after the handler made its change must not make
/// the repeat run the handler again: the change is recorded whether or not anyone is left to read the reply.
/// </summary>
public sealed class NotificationAbortTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_client_that_gives_up_after_the_handler_succeeded_does_not_make_the_repeat_run_it_again(int seed)
    {
        var store = new TokenHonouringStore();
        var random = new Random(seed);
        var changes = 0;
        CancellationTokenSource? client = null;
        using var server = await NotificationServer.Start(o => o.Store = store, async (_, context, _) =>
        {
            Interlocked.Increment(ref changes);
            if (client is not null)
            {
                await client.CancelAsync(); // QIWI stops waiting just as the handler's change is done
                await WaitAsync(context.RequestAborted);
            }
        });
        var form = NotificationServer.Form("BILL-" + random.Next(), "paid");

        using (client = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NotificationServer.Post(server, form, cancellationToken: client.Token));
        }

        client = null;
        var (_, repeat) = await NotificationServer.Post(server, form);

        Assert.Contains("<result_code>0</result_code>", repeat, StringComparison.Ordinal);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task A_handler_that_times_out_on_its_own_gets_300_and_the_repeat_runs_it_again()
    {
        var store = new MemoryStore();
        var calls = 0;
        using var server = await NotificationServer.Start(o => o.Store = store, async (_, _, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                using var own = new CancellationTokenSource();
                await own.CancelAsync();
                await Task.Delay(Timeout.Infinite, own.Token); // its own timeout, not QIWI giving up
            }
        });
        var form = NotificationServer.Form("BILL-TIMEOUT", "paid");

        var (_, first) = await NotificationServer.Post(server, form);
        var (_, repeat) = await NotificationServer.Post(server, form);

        Assert.Contains("<result_code>300</result_code>", first, StringComparison.Ordinal);
        Assert.Contains("<result_code>0</result_code>", repeat, StringComparison.Ordinal);
        Assert.Equal(2, calls);
        Assert.Single(store.Keys);
    }

    private static async Task WaitAsync(CancellationToken token)
    {
        var aborted = new TaskCompletionSource();
        using (token.Register(aborted.SetResult))
        {
            await aborted.Task;
        }
    }

    /// <summary>A store that, as a database client does, refuses to start work for a cancelled token.</summary>
    private sealed class TokenHonouringStore : IQiwiNotificationStore
    {
        private readonly MemoryStore _inner = new();

        public ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _inner.IsAppliedAsync(key, cancellationToken);
        }

        public ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return _inner.MarkAppliedAsync(key, cancellationToken);
        }
    }
}
