using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Persistence;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The group commit at its edges: the store disposed while an answer waits for a commit (the answer fails, or it
/// succeeds with its change in the file; it never hangs and is never released by a commit that did not hold it), and a
/// commit failing with an exception a caller might take for cancellation.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_store_disposed_while_an_answer_waits_fails_that_answer_or_commits_its_change_and_never_hangs(bool disposeFirst)
    {
        using var file = new DataFile();
        var (sandbox, hold, first) = await HoldingACommitAsync(file, 41);
        sandbox.Create("WAITING");
        var waiting = sandbox.Store.SaveAsync();

        // Dispose waits for the commit under way (it holds the save lock); the waiting answer's commit comes after it.
        var dispose = Task.Run(sandbox.Dispose);
        if (disposeFirst)
        {
            await Task.Delay(50);   // most often Dispose is then waiting for the lock before the commit ends (either order is checked below)
        }

        hold.Release();
        await first;
        await dispose;
        var outcome = await Record.ExceptionAsync(() => waiting.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.IsNotType<TimeoutException>(outcome);
        var inFile = Scalar(file.Path, "SELECT count(*) FROM sandbox_invoice WHERE bill_id = 'WAITING'");
        if (outcome is null)
        {
            Assert.Equal(1, inFile);   // released: its change is in the file
        }
        else
        {
            Assert.IsType<ObjectDisposedException>(outcome);
        }

        // Later answers fail at once; none waits forever on a store that is gone.
        var late = await Record.ExceptionAsync(() => sandbox.Store.SaveAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.IsType<ObjectDisposedException>(late);
    }

    [Fact]
    public async Task A_commit_failing_with_a_cancellation_fails_its_waiters_and_gives_its_keys_to_the_next()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var sandbox = await Sandbox.OpenAsync(file.Path, fake, 42, merchantUrl: false);
        sandbox.Create("C1");
        sandbox.Store.BeforeCommit = () => throw new OperationCanceledException("injected: a cancellation inside the commit");
        var failed = await Record.ExceptionAsync(() => sandbox.Store.SaveAsync());
        Assert.IsType<OperationCanceledException>(failed);
        Assert.Equal(0, Count(file.Path, "sandbox_invoice"));

        sandbox.Store.BeforeCommit = null;
        await sandbox.Store.SaveAsync();
        Assert.Equal(1, Count(file.Path, "sandbox_invoice"));
    }

    /// <summary>A sandbox on a data file holding one saved invoice, whose next commit (of a second, FIRST) is held open.</summary>
    private static async Task<(Sandbox Sandbox, HeldCommit Hold, Task First)> HoldingACommitAsync(DataFile file, int seed)
    {
        var sandbox = await Sandbox.OpenAsync(file.Path, new FakeTimeProvider(Start), seed, merchantUrl: false);
        sandbox.Create("H0");
        sandbox.Store.Save();
        var hold = HeldCommit.Of(sandbox.Store);
        sandbox.Create("FIRST");
        var first = sandbox.Store.SaveAsync();
        Assert.True(hold.WaitEntered(), "the first commit began");
        return (sandbox, hold, first);
    }

    /// <summary>Holds the store's next commit inside its transaction, after its writes, until released (once).</summary>
    private sealed class HeldCommit
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held = 1;

        public static HeldCommit Of(SandboxStore store)
        {
            var hold = new HeldCommit();
            store.BeforeCommit = () =>
            {
                if (Interlocked.Exchange(ref hold._held, 0) == 1)
                {
                    hold._entered.TrySetResult();
                    hold._release.Task.Wait(TimeSpan.FromSeconds(30));
                }
            };
            return hold;
        }

        public bool WaitEntered() => _entered.Task.Wait(TimeSpan.FromSeconds(30));

        public void Release() => _release.TrySetResult();
    }
}
