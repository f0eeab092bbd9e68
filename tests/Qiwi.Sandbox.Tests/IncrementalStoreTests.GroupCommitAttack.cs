using Microsoft.Extensions.Time.Testing;

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
        var fake = new FakeTimeProvider(Start);
        var sandbox = await Sandbox.OpenAsync(file.Path, fake, 41, merchantUrl: false);
        sandbox.Create("H0");
        sandbox.Store.Save();

        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var held = 1;
        sandbox.Store.BeforeCommit = () =>
        {
            if (Interlocked.Exchange(ref held, 0) == 1)
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };
        sandbox.Create("FIRST");
        var first = sandbox.Store.SaveAsync();
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the first commit began");
        sandbox.Create("WAITING");
        var waiting = sandbox.Store.SaveAsync();

        // Dispose waits for the commit under way (it holds the save lock); the waiting answer's commit comes after it.
        var dispose = Task.Run(sandbox.Dispose);
        if (disposeFirst)
        {
            await Task.Delay(50);   // most often Dispose is then waiting for the lock before the commit ends (either order is checked below)
        }

        release.Set();
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
}
