using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Persistence;
using Qiwi.Samples.Tests;
using Qiwi.Testing;

using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The data file's lock under simultaneous starts: sandboxes in threads of this process and sandbox processes (the real
/// app, <c>dotnet Qiwi.Sandbox.dll</c>) released at one instant on one data file. Exactly one runs; every other is
/// refused with the documented error; once the winner is gone, a new start succeeds. And the lock file deleted or
/// replaced while a sandbox runs: before, the sandbox went on holding a lock on a file no path named, a second sandbox
/// started on the same data file and both wrote it (a refund on one overwritten by the other's save of the invoice).
/// </summary>
public sealed partial class IncrementalStoreTests
{
    private const string InUse = "is in use by another sandbox";

    [Theory]
    [InlineData(501, 6, 3)]
    [InlineData(502, 0, 4)]
    public async Task Sandboxes_started_at_one_instant_in_threads_and_processes_leave_exactly_one_running(int seed, int threads, int processes)
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var work = Directory.CreateTempSubdirectory("qiwi-lock-race-");
        var go = Path.Combine(work.FullName, "go");
        var children = Enumerable.Range(0, processes).Select(_ => SandboxProcess(work.FullName, go, file.Path)).ToList();
        try
        {
            // The barrier blocks its threads: they are threads of their own, not the pool's, which the other test
            // classes' servers share (7 pool threads blocked on 2 cores starve every request in the process for
            // seconds while the pool grows).
            using var barrier = new Barrier(threads + 1);
            var starts = Enumerable.Range(0, threads).Select(i => Task.Factory.StartNew(async () =>
            {
                barrier.SignalAndWait();
                return await Started.StartAsync(file.Path, fake, seed + i);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();

            await Task.Factory.StartNew(barrier.SignalAndWait, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await File.WriteAllTextAsync(go, "go");   // the children poll for it every 10 ms
            var started = await Task.WhenAll(starts);
            var outputs = await Settled(children);

            var running = started.Count(s => s.Error is null) + outputs.Count(o => o.Running);
            Assert.True(running == 1, $"{running} sandboxes run on one data file:\n" + string.Join("\n---\n", outputs.Select(o => o.Output)));
            Assert.All(started.Where(s => s.Error is not null), s => Assert.Contains(InUse, Assert.IsType<IOException>(s.Error).Message, StringComparison.Ordinal));
            Assert.All(outputs.Where(o => !o.Running), o => Assert.Contains(InUse, o.Output, StringComparison.Ordinal));

            // The winner stops (a thread's store disposed, or the process ended); then one new start succeeds.
            foreach (var s in started)
            {
                s.Dispose();
            }

            foreach (var child in children)
            {
                child.Dispose();
            }

            children.Clear();
            using var after = await Started.StartAsync(file.Path, fake, seed + 100);
            Assert.Null(after.Error);
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }

            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_lock_file_deleted_while_a_sandbox_runs_never_lets_two_sandboxes_write_the_file()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var first = await Sandbox.OpenAsync(file.Path, fake, 510, merchantUrl: false, before: NoLockWatch);
        first.Create("A1");
        first.Store.Save();

        File.Delete(DataFileLock.PathFor(file.Path));   // a clean-up script, `rm sandbox.db*`, a tmp cleaner
        using var second = await Started.StartAsync(file.Path, fake, 511);
        Assert.Null(second.Error);   // nothing held the new lock file: the second took it (the first has not saved since, nor watched)

        // From here on only the second writes: the first's save is refused, saying why, and writes nothing.
        first.Create("A2");
        var refused = Assert.ThrowsAny<IOException>(first.Store.Save);
        Assert.Contains("was deleted or replaced while this sandbox ran", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, CountRows(file.Path, "sandbox_invoice"));
        Assert.Equal(Contract.ResultCode.Success, second.Ledger.Create(second.Shop, "B1", "tel:+79031234567", 10m, "RUB", "c", second.Clock.GetUtcNow().AddDays(30), Contract.PaySource.QiwiWallet, null).Code);
        second.Store.Save();
        Assert.Equal(2, CountRows(file.Path, "sandbox_invoice"));
    }

    [Fact]
    public async Task A_running_sandbox_whose_lock_file_is_deleted_locks_a_new_one_without_waiting_for_a_save()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var first = await Sandbox.OpenAsync(file.Path, fake, 540, merchantUrl: false);
        File.Delete(DataFileLock.PathFor(file.Path));

        // No request, no save: the sandbox's own watch (every second) takes a lock file at the path again.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(DataFileLock.PathFor(file.Path)) && OtherProcessTakesLock(file.Path) == 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        using var second = await Started.StartAsync(file.Path, fake, 541);
        Assert.Contains(InUse, Assert.IsType<IOException>(second.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_that_lost_its_lock_file_to_one_that_wrote_and_stopped_never_writes_again()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var first = await Sandbox.OpenAsync(file.Path, fake, 530, merchantUrl: false, before: NoLockWatch);
        first.Create("A1");
        first.Ledger.Move(first.Shop.ShopId, "A1", Contract.BillStatus.Paid);
        first.Store.Save();

        File.Delete(DataFileLock.PathFor(file.Path));
        using (var second = await Started.StartAsync(file.Path, fake, 531))
        {
            Assert.Null(second.Error);
            Assert.Equal(Contract.ResultCode.Success, second.Ledger.CreateRefund(second.Shop.ShopId, "A1", "R-second", 4m).Code);
            second.Store.Save();
        }

        // The lock is free again, but the file holds a refund this sandbox never saw: its save of A1 would drop it.
        Assert.Equal(Contract.ResultCode.Success, first.Ledger.CreateRefund(first.Shop.ShopId, "A1", "R-first", 3m).Code);
        var refused = Assert.ThrowsAny<IOException>(first.Store.Save);
        Assert.Contains("was deleted or replaced while this sandbox ran", refused.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<IOException>(first.Store.Save);   // and stays so

        using var after = await Sandbox.OpenAsync(file.Path, fake, 532, merchantUrl: false);
        Assert.Equal("R-second", Assert.Single(Assert.Single(after.Ledger.Export()).Refunds).RefundId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lock_file_deleted_or_replaced_is_taken_again_at_the_next_save_so_a_later_sandbox_is_refused(bool replaced)
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var first = await Sandbox.OpenAsync(file.Path, fake, 520, merchantUrl: false, before: NoLockWatch);
        var lockPath = DataFileLock.PathFor(file.Path);
        if (replaced)
        {
            var other = lockPath + ".new";
            await File.WriteAllTextAsync(other, "someone else's");
            File.Move(other, lockPath, overwrite: true);   // renamed over it: the path names another file
        }
        else
        {
            File.Delete(lockPath);
        }

        first.Create("A1");
        first.Store.Save();   // finds its lock file gone and takes the one at the path again

        using var second = await Started.StartAsync(file.Path, fake, 521);
        Assert.Contains(InUse, Assert.IsType<IOException>(second.Error).Message, StringComparison.Ordinal);
        Assert.Equal(1, OtherProcessTakesLock(file.Path));
    }

    /// <summary>No watch of the lock file between saves: what a save alone does, whatever the timing.</summary>
    private static void NoLockWatch(SandboxStore store) => store.LockWatchInterval = Timeout.InfiniteTimeSpan;

    /// <summary>The sandbox app on <paramref name="path"/>, started once <paramref name="go"/> exists (a shell polls for it).</summary>
    private static BackgroundProcess SandboxProcess(string directory, string go, string path)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Qiwi.Sandbox", "bin", "Release", "net10.0", "Qiwi.Sandbox.dll");
        if (!File.Exists(dll))
        {
            dll = Path.Combine(RepositoryRoot.Path, "src", "Qiwi.Sandbox", "bin", "Debug", "net10.0", "Qiwi.Sandbox.dll");
        }

        var command = $"/bin/sh -c 'while [ ! -e \"{go}\" ]; do sleep 0.01; done; exec dotnet \"{dll}\" --urls http://127.0.0.1:0 --Sandbox:DataFile=\"{path}\"'";
        return new BackgroundProcess(directory, command, new Dictionary<string, string?>());
    }

    /// <summary>Waits (at most a minute) until each child runs (it printed its address) or has exited; what each wrote.</summary>
    private static async Task<List<(bool Running, string Output)>> Settled(List<BackgroundProcess> children)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var states = children.Select(c => (Exited: c.HasExited, Output: c.Output())).ToList();
            if (states.All(s => s.Exited || s.Output.Contains("QIWI sandbox listening on", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return states.Select(s => (!s.Exited && s.Output.Contains("QIWI sandbox listening on", StringComparison.Ordinal), s.Output)).ToList();
            }

            await Task.Delay(50);
        }
    }
}
