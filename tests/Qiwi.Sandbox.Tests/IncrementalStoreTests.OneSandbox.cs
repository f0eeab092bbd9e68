using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Persistence;
using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// One sandbox per data file. Before the lock, a second sandbox on a file in use started on the same rows; each then
/// wrote its own ledger's invoice over the other's, so a refund made on one was gone from the file once the other saved
/// the invoice (money lost), and both handed out the same notification ids. Now the second is refused at its start,
/// in this process or in another, until the first is disposed; a reader of the file is not kept out.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Fact]
    public async Task A_second_sandbox_on_a_data_file_in_use_is_refused_and_takes_it_once_the_first_is_gone()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using (var first = await Sandbox.OpenAsync(file.Path, fake, 40, merchantUrl: false))
        {
            first.Create("B1");
            first.Ledger.Move(first.Shop.ShopId, "B1", Contract.BillStatus.Paid);
            first.Store.Save();

            using (var second = await Started.StartAsync(file.Path, fake, 41))
            {
                var error = Assert.IsType<IOException>(second.Error);
                Assert.Contains($"The data file '{file.Path}' is in use by another sandbox", error.Message, StringComparison.Ordinal);
                Assert.Empty(second.Ledger.Export());   // nothing of the file was loaded
            }

            // A store that saves without starting is refused too, before it writes anything.
            using (var saver = Parts(file.Path, fake, 42, merchantUrl: false, merchantRefuses: false))
            {
                var refused = Assert.Throws<IOException>(saver.Store.Save);
                Assert.Contains("is in use by another sandbox", refused.Message, StringComparison.Ordinal);
            }

            // The first goes on: its refund is in the file.
            Assert.Equal(Contract.ResultCode.Success, first.Ledger.CreateRefund(first.Shop.ShopId, "B1", "R1", 4m).Code);
            first.Store.Save();

            // A reader (the sqlite3 shell, a test) still opens the file while the sandbox holds it.
            Assert.Equal(1, CountRows(file.Path, "sandbox_invoice"));
        }

        using var after = await Sandbox.OpenAsync(file.Path, fake, 43, merchantUrl: false);
        var invoice = Assert.Single(after.Ledger.Export());
        Assert.Equal(4m, Assert.Single(invoice.Refunds).Amount);
    }

    [Fact]
    public async Task A_sandbox_in_another_process_is_refused_while_this_one_holds_the_file()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using (var holder = await Sandbox.OpenAsync(file.Path, fake, 44, merchantUrl: false))
        {
            holder.Create("B1");
            holder.Store.Save();
            Assert.Equal(1, OtherProcessTakesLock(file.Path));   // refused
        }

        Assert.Equal(0, OtherProcessTakesLock(file.Path));   // free once this one is gone
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file::memory:")]
    [InlineData("FILE:sandbox.db?mode=memory")]
    public async Task A_data_file_setting_SQLite_would_take_for_memory_or_a_URI_is_refused_at_start(string setting)
    {
        using var started = await Started.StartAsync(setting, new FakeTimeProvider(Start), 45);

        var error = Assert.IsType<InvalidOperationException>(started.Error);
        Assert.Contains($"Sandbox:DataFile '{setting}' is not a file path", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DataFileLock.PathFor(setting)));
    }

    /// <summary>Runs <c>flock -n</c> on the lock file in a child process: 0 when it took the lock, 1 when it is held.</summary>
    private static int OtherProcessTakesLock(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["-n", DataFileLock.PathFor(path), "true"]) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static long CountRows(string path, string table)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table}";
        return (long)count.ExecuteScalar()!;
    }
}
