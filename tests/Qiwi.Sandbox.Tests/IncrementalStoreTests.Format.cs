using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Persistence;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The data file's format version (<see cref="DataFileFormat"/>): a new file records the current one; a file of the rows
/// format written before the version was kept is read and gets it; a file of a newer format, or not a data file at all,
/// is refused at start with an error naming the file (and both formats), and is left as it was.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Fact]
    public async Task A_new_file_records_its_format_and_a_file_without_a_version_is_read_and_gets_one()
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 21, "V1");

        Assert.Equal(DataFileFormat.Current, Scalar(file.Path, "SELECT format_version FROM sandbox_meta"));

        // The rows as the build before the version wrote them: the same tables, no version column.
        using var older = new DataFile();
        Execute(older.Path, """
            CREATE TABLE sandbox_invoice (shop_id INTEGER NOT NULL, bill_id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (shop_id, bill_id));
            CREATE TABLE sandbox_notification (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE sandbox_meta (id INTEGER PRIMARY KEY CHECK (id = 1), clock_offset_ticks INTEGER NOT NULL, next_notification_id INTEGER NOT NULL);
            INSERT INTO sandbox_meta (id, clock_offset_ticks, next_notification_id) VALUES (1, 6000000000, 0);
            """);
        Execute(older.Path, "INSERT INTO sandbox_invoice (shop_id, bill_id, json) SELECT shop_id, bill_id, json FROM other.sandbox_invoice", attach: file.Path);
        using (var reopened = await Sandbox.OpenAsync(older.Path, fake, 21, merchantUrl: false))
        {
            Assert.Equal(TimeSpan.FromMinutes(10), reopened.Clock.Offset);
            Assert.Equal("V1", Assert.Single(reopened.Ledger.Export()).BillId);
        }

        Assert.Equal(DataFileFormat.Current, Scalar(older.Path, "SELECT format_version FROM sandbox_meta"));
    }

    [Fact]
    public async Task A_file_of_a_newer_format_is_refused_at_start_naming_the_file_and_both_formats_and_left_as_it_was()
    {
        using var file = new DataFile();
        var fake = await SavedAsync(file, 22, "N1");

        var newer = DataFileFormat.Current + 1;
        Execute(file.Path, $"UPDATE sandbox_meta SET format_version = {newer}; CREATE TABLE sandbox_future (x INTEGER)");
        var bytes = await File.ReadAllBytesAsync(file.Path);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Sandbox.OpenAsync(file.Path, fake, 22, merchantUrl: false));
        Assert.Contains($"'{file.Path}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"format {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {DataFileFormat.Current}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.Path));

        // The sandbox itself does not start on it (the same error).
        await using var app = SandboxApp.Build(["--Sandbox:DataFile=" + file.Path], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        var start = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());
        Assert.Equal(refused.Message, start.Message);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public async Task A_file_that_is_not_a_data_file_is_refused_at_start_naming_it()
    {
        using var file = new DataFile();
        await File.WriteAllTextAsync(file.Path, "not a database, but an invoice list someone put here by mistake\n" + new string('x', 4096));
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => Sandbox.OpenAsync(file.Path, new FakeTimeProvider(Start), 23, merchantUrl: false));
        Assert.Contains($"'{file.Path}'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A data file holding one saved invoice (the sandbox closed); the clock the sandbox ran on, for reopening it.</summary>
    private static async Task<FakeTimeProvider> SavedAsync(DataFile file, int seed, string billId)
    {
        var fake = new FakeTimeProvider(Start);
        using var sandbox = await Sandbox.OpenAsync(file.Path, fake, seed, merchantUrl: false);
        sandbox.Create(billId);
        sandbox.Store.Save();
        return fake;
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = sql;
        return (long)read.ExecuteScalar()!;
    }

    private static void Execute(string path, string sql, string? attach = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var write = connection.CreateCommand();
        write.CommandText = (attach is null ? string.Empty : "ATTACH DATABASE $other AS other; ") + sql;
        if (attach is not null)
        {
            write.Parameters.AddWithValue("$other", attach);
        }

        write.ExecuteNonQuery();
    }
}
