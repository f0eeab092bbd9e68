using Microsoft.Data.Sqlite;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Persistence;
using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A data file that is damaged or edited by hand is a clear start error naming the file, or read correctly: never
/// started on as an empty or half-read state, never a bare SQLite or JSON exception that names nothing.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1")]
    [InlineData("'2'")]            // text that reads as 2 to SQLite's INTEGER affinity: stored as the integer 2, accepted
    [InlineData("'two'")]
    [InlineData("1e30")]
    [InlineData("2.5")]
    [InlineData("x'02'")]
    [InlineData("9223372036854775807")]
    public async Task A_meta_row_with_an_unknown_format_is_refused_at_start_naming_the_file(string format)
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 24, "F1");

        Execute(file.Path, $"UPDATE sandbox_meta SET format_version = {format}");
        if (format == "'2'")
        {
            using var reopened = await Sandbox.OpenAsync(file.Path, fake, 24, merchantUrl: false);
            Assert.Equal("F1", Assert.Single(reopened.Ledger.Export()).BillId);
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file.Path);
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Sandbox.OpenAsync(file.Path, fake, 24, merchantUrl: false));
        Assert.Contains($"'{file.Path}'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public async Task A_file_with_the_tables_and_no_meta_row_is_read_with_its_invoices()
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 25, "M1");

        Execute(file.Path, "DELETE FROM sandbox_meta");
        using var reopened = await Sandbox.OpenAsync(file.Path, fake, 25, merchantUrl: false);
        Assert.Equal("M1", Assert.Single(reopened.Ledger.Export()).BillId);
    }

    [Theory]
    [InlineData("sandbox_invoice")]
    [InlineData("sandbox_notification")]
    public async Task A_file_with_a_meta_row_and_a_table_missing_is_refused_at_start_naming_the_file(string table)
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 30, "X1");
        Execute(file.Path, "DROP TABLE " + table);
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Sandbox.OpenAsync(file.Path, fake, 30, merchantUrl: false));
        Assert.Contains($"'{file.Path}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(table, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_row_that_is_not_json_is_refused_at_start_naming_the_file()
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 26, "J1");

        Execute(file.Path, "UPDATE sandbox_invoice SET json = '{not json'");
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Sandbox.OpenAsync(file.Path, fake, 26, merchantUrl: false));
        Assert.Contains($"'{file.Path}'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A file cut short at every page boundary and a few offsets inside pages and the header.</summary>
    [Fact]
    public async Task A_truncated_file_is_a_start_error_naming_it_or_read_whole()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using (var sandbox = await Sandbox.OpenAsync(file.Path, fake, 27, merchantUrl: false))
        {
            for (var i = 0; i < 300; i++)
            {
                sandbox.Create("T" + i);
            }

            sandbox.Store.Save();
        }

        var whole = await File.ReadAllBytesAsync(file.Path);
        Assert.True(whole.Length > 8 * 4096, $"the file is {whole.Length} bytes");
        var offsets = new SortedSet<int> { 1, 16, 50, 99, 100, 101, 1000, whole.Length - 1 };
        for (var page = 4096; page < whole.Length; page += 4096)
        {
            offsets.Add(page);
            offsets.Add(page + 1500);
        }

        foreach (var length in offsets.Where(o => o > 0 && o < whole.Length))
        {
            using var cut = new DataFile();
            await File.WriteAllBytesAsync(cut.Path, whole.AsSpan(0, length).ToArray());
            try
            {
                using var opened = await Sandbox.OpenAsync(cut.Path, fake, 27, merchantUrl: false);
                Assert.Equal(300, opened.Ledger.Export().Count);
            }
            catch (InvalidDataException refused)
            {
                Assert.Contains($"'{cut.Path}'", refused.Message, StringComparison.Ordinal);
            }
            catch (Exception other)
            {
                Assert.Fail($"cut at {length} of {whole.Length}: {other.GetType().Name}: {other.Message}");
            }
        }
    }

    /// <summary>
    /// The log is searched by id (ids only grow, one record each): a single-row file whose log names one id twice (edited
    /// by hand; the sandbox never writes one) is refused at start naming the file, not loaded with one of the two
    /// records unreachable by id (its later changes never saved).
    /// </summary>
    [Fact]
    public async Task A_single_row_file_with_a_notification_id_twice_is_refused_at_start_naming_the_file()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var source = await Sandbox.OpenAsync(null, fake, 28);
        source.Create("D1");
        source.Ledger.Move(source.Shop.ShopId, "D1", Contract.BillStatus.Paid);
        await source.QuiesceAsync();
        var (records, nextId) = source.Dispatcher.Export();
        var stored = records.Select(SandboxStore.StoredNotification.From).ToList();
        Assert.NotEmpty(stored);
        WriteSingleRow(file.Path, TimeSpan.Zero, source.Ledger.Export(), stored.Concat(stored).ToList(), nextId);
        source.Dispose();

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Sandbox.OpenAsync(file.Path, fake, 28));
        Assert.Contains($"'{file.Path}'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A crash during a commit: the file holds pages of a transaction that never committed (SQLite spilled them while
    /// appending rows) and is cut inside the page it was appending, with its rollback journal beside it. The sandbox starts
    /// on the state before that transaction (SQLite rolls the journal back as it opens the file), not refused as cut short.
    /// </summary>
    [Fact]
    public async Task A_file_cut_by_a_crash_inside_a_commit_is_rolled_back_from_its_journal_and_read()
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 31, "C1");
        var committed = new FileInfo(file.Path).Length;
        using var crashed = new DataFile();

        // A writer that spills to the file mid-transaction: the crash state is the file and its journal copied then.
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString()))
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA cache_size = 2";
                pragma.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction();
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO sandbox_invoice (shop_id, bill_id, json) VALUES (999, 'X' || $i, $json)";
                var i = insert.Parameters.Add("$i", SqliteType.Integer);
                insert.Parameters.AddWithValue("$json", new string('x', 3000));
                for (var n = 0; n < 200; n++)
                {
                    i.Value = n;
                    insert.ExecuteNonQuery();
                }
            }

            var grown = new FileInfo(file.Path).Length;
            Assert.True(grown > committed + 8192, $"the uncommitted pages were not spilled ({committed} -> {grown} bytes)");
            Assert.True(File.Exists(file.Path + "-journal"), "no rollback journal during the transaction");
            var bytes = await File.ReadAllBytesAsync(file.Path);
            await File.WriteAllBytesAsync(crashed.Path, bytes.AsSpan(0, (int)(committed + ((grown - committed) / 2)) + 1500).ToArray());
            File.Copy(file.Path + "-journal", crashed.Path + "-journal");
            transaction.Rollback();
        }

        try
        {
            using var reopened = await Sandbox.OpenAsync(crashed.Path, fake, 31, merchantUrl: false);
            Assert.Equal("C1", Assert.Single(reopened.Ledger.Export()).BillId);
        }
        finally
        {
            File.Delete(crashed.Path + "-journal");
        }
    }
}
