using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Persistence;
using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A fault of the sandbox's own load code is not reported as a damaged data file: an exception injected into the
/// restore of a good file (a null dereference, a wrong argument: what a bug there throws) escapes the start as itself,
/// not as the <see cref="InvalidDataException"/> that tells the user to replace the file; the same file then starts.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Theory]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(ArgumentException), false)]
    [InlineData(typeof(InvalidCastException), false)]
    [InlineData(typeof(NullReferenceException), true)]
    [InlineData(typeof(ArgumentException), true)]
    public async Task A_fault_in_the_load_itself_escapes_the_start_as_itself_not_as_a_damaged_file(Type fault, bool singleRow)
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        await GoodFileAsync(file.Path, fake, singleRow);

        foreach (var at in new[] { 1, 4, 5 })   // the first invoice, the last, the notification record
        {
            var rows = new List<object>();
            using var faulty = await Started.StartAsync(file.Path, fake, 32, store => store.Restoring = row =>
            {
                rows.Add(row);
                if (rows.Count == at)
                {
                    throw (Exception)Activator.CreateInstance(fault, "injected: a fault of the load's own code")!;
                }
            });

            Assert.NotNull(faulty.Error);
            Assert.IsType(fault, faulty.Error);   // exactly: not wrapped, not taken for a damaged file
            Assert.Equal("injected: a fault of the load's own code", faulty.Error.Message);
            Assert.Equal(at, rows.Count);
        }

        using var started = await Started.StartAsync(file.Path, fake, 32);
        Assert.Null(started.Error);
        Assert.Equal(4, started.Ledger.Export().Count);
        Assert.Single(started.Dispatcher.Export().Records);
    }

    /// <summary>Four invoices G0-G3 (G0 paid, with refund R1 and a notification record) in the rows format, or the same in the single-row format.</summary>
    private static async Task GoodFileAsync(string path, FakeTimeProvider fake, bool singleRow)
    {
        using var source = await Sandbox.OpenAsync(singleRow ? null : path, fake, 32);
        for (var i = 0; i < 4; i++)
        {
            source.Create("G" + i);
        }

        source.Ledger.Move(source.Shop.ShopId, "G0", Contract.BillStatus.Paid);
        Assert.Equal(Contract.ResultCode.Success, source.Ledger.CreateRefund(source.Shop.ShopId, "G0", "R1", 1m).Code);
        await source.QuiesceAsync();
        if (!singleRow)
        {
            source.Store.Save();
            return;
        }

        WriteSingleRow(path, source);
    }
}
