using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A data file that cannot be reached (locked, on a read-only or full disk, in a missing directory, an I/O error) is not
/// reported as a damaged file: the start fails with <see cref="IOException"/> saying so, where a damaged or edited file
/// fails with <see cref="InvalidDataException"/>; either way the file's rows are as they were and the next start reads them.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    /// <summary>SQLite's primary result codes (1 to 28), each with whether it speaks of the file's content.</summary>
    public static TheoryData<int, bool> SqliteCodes()
    {
        var content = new HashSet<int> { 1, 11, 18, 19, 20, 24, 25, 26 };
        var data = new TheoryData<int, bool>();
        for (var code = 1; code <= 28; code++)
        {
            data.Add(code, content.Contains(code));
        }

        // Extended codes are told by their primary code: IOERR_READ, IOERR_SHORT_READ, CORRUPT_INDEX, READONLY_DBMOVED, BUSY_RECOVERY, CANTOPEN_ISDIR.
        data.Add(10 | (1 << 8), false);
        data.Add(10 | (2 << 8), false);
        data.Add(11 | (3 << 8), true);
        data.Add(8 | (4 << 8), false);
        data.Add(5 | (1 << 8), false);
        data.Add(14 | (2 << 8), false);
        return data;
    }

    [Theory]
    [MemberData(nameof(SqliteCodes))]
    public async Task A_SQLite_error_during_the_load_is_a_damaged_file_only_when_its_code_speaks_of_the_content(int code, bool content)
    {
        foreach (var singleRow in new[] { false, true })
        {
            using var file = new DataFile();
            var fake = new FakeTimeProvider(Start);
            await GoodFileAsync(file.Path, fake, singleRow);
            var before = Hash(file.Path);

            using (var faulty = await Started.StartAsync(file.Path, fake, 33, store => store.Restoring = _ => throw new SqliteException("injected", code)))
            {
                AssertStartError(faulty.Error, file.Path, code, content);
            }

            if (singleRow)
            {
                AssertSingleRowKept(file.Path);   // the format's tables may have been made empty; the row is not rewritten
            }
            else
            {
                Assert.Equal(before, Hash(file.Path));   // not a byte of the file changed
            }

            await AssertStartsWithItsRowsAsync(file.Path, fake);
        }
    }

    [Theory]
    [InlineData(13, false)]   // SQLITE_FULL while the earlier format is rewritten as rows
    [InlineData(10, false)]   // SQLITE_IOERR
    [InlineData(19, true)]    // SQLITE_CONSTRAINT: what the file holds breaks a key
    public async Task A_SQLite_error_while_the_earlier_format_is_rewritten_leaves_the_single_row(int code, bool content)
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        await GoodFileAsync(file.Path, fake, singleRow: true);

        using (var faulty = await Started.StartAsync(file.Path, fake, 34, store => store.BeforeCommit = () => throw new SqliteException("injected", code)))
        {
            AssertStartError(faulty.Error, file.Path, code, content);
        }

        AssertSingleRowKept(file.Path);   // the rewrite was rolled back
        await AssertStartsWithItsRowsAsync(file.Path, fake);
    }

    [Fact]
    public async Task A_data_file_in_a_missing_directory_is_an_access_error_and_the_directory_is_not_made()
    {
        var directory = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-missing-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "sandbox.db");

        using var started = await Started.StartAsync(path, new FakeTimeProvider(Start), 35);

        var error = Assert.IsType<IOException>(started.Error);   // exactly: the lock file beside it cannot be made
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a sign that the file is damaged", error.Message, StringComparison.Ordinal);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task A_data_file_path_naming_a_directory_is_an_access_error()
    {
        var directory = Directory.CreateTempSubdirectory("qiwi-sandbox-dir-").FullName;
        try
        {
            using var started = await Started.StartAsync(directory, new FakeTimeProvider(Start), 36);

            var error = Assert.IsType<IOException>(started.Error);
            Assert.Contains(directory, error.Message, StringComparison.Ordinal);
            Assert.IsType<SqliteException>(error.InnerException);
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            File.Delete(Qiwi.Sandbox.Persistence.DataFileLock.PathFor(directory));
        }
    }

    private static void AssertStartError(Exception? error, string path, int code, bool content)
    {
        Assert.NotNull(error);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(code, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
        if (content)
        {
            Assert.IsType<InvalidDataException>(error);   // exactly
            Assert.Contains("cannot be read as a sandbox data file", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.IsType<IOException>(error);   // exactly: not InvalidDataException, nor any other IOException
            Assert.Contains("not a sign that the file is damaged", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot be read as a sandbox data file", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The good file's four invoices and one notification record are all there at the next start.</summary>
    private static async Task AssertStartsWithItsRowsAsync(string path, FakeTimeProvider fake)
    {
        using var started = await Started.StartAsync(path, fake, 37);
        Assert.Null(started.Error);
        Assert.Equal(4, started.Ledger.Export().Count);
        Assert.Single(started.Dispatcher.Export().Records);
    }

    private static void AssertSingleRowKept(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.True(Qiwi.Sandbox.Persistence.DataFileFormat.TableExists(connection, "sandbox_state"));
        using var rows = connection.CreateCommand();
        rows.CommandText = "SELECT (SELECT count(*) FROM sandbox_state) + (SELECT count(*) FROM sandbox_invoice) * 10";
        Assert.Equal(1L, rows.ExecuteScalar());   // the single row, and no invoice row written beside it
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
