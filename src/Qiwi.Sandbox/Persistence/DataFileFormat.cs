using Microsoft.Data.Sqlite;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// Which format a data file is in, kept in its meta row (<c>sandbox_meta.format_version</c>): 1 is the earlier single
/// JSON row (<c>sandbox_state</c>), 2 the rows (one per invoice, one per notification record, the meta row). A file of
/// format 2 written before the version was kept has no such column and is read as 2 (the column is added, holding 2).
/// A file of a format above <see cref="Current"/> was written by a newer sandbox: it is refused with an error naming the
/// file and both formats, before anything else of it is read or anything written, rather than read as far as it happens to match.
/// Every later format keeps <c>sandbox_meta.format_version</c>: it is what an older sandbox reads first.
/// </summary>
internal static class DataFileFormat
{
    /// <summary>The format this sandbox writes, and the newest it reads.</summary>
    public const int Current = 2;

    /// <summary>The single-row format, read and rewritten as rows at start-up.</summary>
    public const int SingleRow = 1;

    /// <summary>The rows, as written before the meta row kept a version (a file with <c>sandbox_meta</c> and no version column).</summary>
    private const int Unversioned = 2;

    /// <summary>
    /// Checks the file's format and makes its tables ready for this one (created when absent, the version column added to
    /// a format-2 file without one); throws <see cref="InvalidDataException"/> for a newer format, changing nothing.
    /// </summary>
    public static void Prepare(SqliteConnection connection, string path)
    {
        var found = Read(connection, path);
        if (found > Current)
        {
            throw new InvalidDataException(
                $"The data file '{path}' is in format {found}, written by a newer sandbox; this sandbox reads formats up to {Current}. "
                + "Run the newer sandbox on it, or give this one another data file (Sandbox:DataFile).");
        }

        // The meta table is created last of the three (below): a file that has it and lacks another lost it afterwards.
        if (found >= Unversioned && new[] { "sandbox_invoice", "sandbox_notification" }.FirstOrDefault(table => !TableExists(connection, table)) is { } missing)
        {
            throw new InvalidDataException(
                $"The data file '{path}' has a meta row but no {missing} table: it was edited or damaged, and starting on it would start without what that table held.");
        }

        using var create = connection.CreateCommand();
        create.CommandText = $"""
            CREATE TABLE IF NOT EXISTS sandbox_invoice (shop_id INTEGER NOT NULL, bill_id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (shop_id, bill_id));
            CREATE TABLE IF NOT EXISTS sandbox_notification (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sandbox_meta (id INTEGER PRIMARY KEY CHECK (id = 1), clock_offset_ticks INTEGER NOT NULL, next_notification_id INTEGER NOT NULL,
                format_version INTEGER NOT NULL DEFAULT {Current});
            """;
        create.ExecuteNonQuery();
        if (!HasVersionColumn(connection))
        {
            using var add = connection.CreateCommand();
            add.CommandText = $"ALTER TABLE sandbox_meta ADD COLUMN format_version INTEGER NOT NULL DEFAULT {Unversioned}";   // the row holds what it was written as
            add.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The file's format: 0 for a file with no sandbox tables (new), 1 for the single row, else the meta row's version,
    /// which is an integer of at least 2 (anything else in it, 0, a negative, 1, a real, text, is an edited or damaged
    /// file: <see cref="InvalidDataException"/> naming it).
    /// </summary>
    internal static long Read(SqliteConnection connection, string path)
    {
        if (TableExists(connection, "sandbox_meta"))
        {
            if (!HasVersionColumn(connection))
            {
                return Unversioned;
            }

            using var read = connection.CreateCommand();
            read.CommandText = "SELECT format_version FROM sandbox_meta WHERE id = 1";
            return read.ExecuteScalar() switch
            {
                null => Current,   // tables created, no save yet
                long version when version >= Unversioned => version,
                var other => throw new InvalidDataException(
                    $"The data file '{path}' has format_version {Describe(other)} in its meta row, which is no format of the sandbox's data file "
                    + $"(this sandbox reads formats up to {Current}); it was edited or damaged."),
            };
        }

        return TableExists(connection, "sandbox_state") ? SingleRow : 0;
    }

    /// <summary>
    /// Refuses, before SQLite opens it, a file that is not empty and yet no whole SQLite database: shorter than its header,
    /// without SQLite's magic, or not a whole number of its pages long (cut short inside a page, which SQLite would read
    /// with the missing bytes as zeros, or a file of a few bytes, which it would take for a new, empty database).
    /// A file with a rollback journal or write-ahead log beside it is left to SQLite: a crash during a commit can leave
    /// the file cut inside a page it was appending, and SQLite puts it back from the journal as it opens it (the load's
    /// own checks then apply to what it restored).
    /// </summary>
    public static void CheckWhole(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0 || HasJournal(path))
        {
            return;   // a new data file, or one SQLite recovers first
        }

        Span<byte> header = stackalloc byte[100];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            header = header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
        }

        var pageSize = header.Length == 100 ? (header[16] << 8) | header[17] : 0;
        pageSize = pageSize == 1 ? 65536 : pageSize;
        if (header.Length < 100 || !header[..16].SequenceEqual("SQLite format 3\0"u8) || pageSize < 512 || info.Length % pageSize != 0)
        {
            throw new InvalidDataException(
                $"The data file '{path}' ({info.Length} bytes) is not a whole SQLite database (cut short, or not a database at all); "
                + "the sandbox does not start on it. Restore it, or give the sandbox another data file (Sandbox:DataFile).");
        }
    }

    private static bool HasJournal(string path)
        => new FileInfo(path + "-journal") is { Exists: true, Length: > 0 } || File.Exists(path + "-wal");

    private static string Describe(object value) => value switch
    {
        string text => $"'{text}'",
        byte[] blob => $"a blob of {blob.Length} bytes",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>True when the file has a table named <paramref name="name"/>.</summary>
    internal static bool TableExists(SqliteConnection connection, string name)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        exists.Parameters.AddWithValue("$name", name);
        return (long)exists.ExecuteScalar()! > 0;
    }

    private static bool HasVersionColumn(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('sandbox_meta') WHERE name = 'format_version'";
        return (long)columns.ExecuteScalar()! > 0;
    }
}
