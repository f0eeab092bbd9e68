using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// What a failed start on the data file tells the user: that the file is not a sandbox data file it can read (damaged,
/// edited, not a database: <see cref="InvalidDataException"/>), or that the file could not be used at all (locked by
/// another process, a read-only or full disk, a missing directory, an I/O error: <see cref="IOException"/>, which says
/// the file is not known to be damaged). The second must never read as the first: told "damaged", a user may delete a
/// good file.
/// </summary>
internal static class DataFileFault
{
    /// <summary>
    /// SQLite's primary result codes that speak of what the file holds: SQLITE_ERROR (1: a missing table or column, a
    /// statement the file's schema refuses), SQLITE_CORRUPT (11), SQLITE_TOOBIG (18), SQLITE_CONSTRAINT (19),
    /// SQLITE_MISMATCH (20), SQLITE_FORMAT (24), SQLITE_RANGE (25), SQLITE_NOTADB (26). Every other code (busy, locked,
    /// read-only, I/O, full, cannot open, out of memory, interrupted, ...) and any code SQLite adds later speaks of the
    /// file's access, not its content.
    /// </summary>
    private static readonly int[] ContentCodes = [1, 11, 18, 19, 20, 24, 25, 26];

    /// <summary>True when SQLite's error says the file's content is not what the sandbox can read (see <see cref="ContentCodes"/>).</summary>
    public static bool IsContent(SqliteException exception) => Array.IndexOf(ContentCodes, exception.SqliteErrorCode & 0xFF) >= 0;

    /// <summary>The start error for <paramref name="exception"/>, one of the load's own refusals or SQLite's or the JSON reader's error.</summary>
    public static Exception AtStart(string path, Exception exception) => exception switch
    {
        DataFileException => new InvalidDataException(exception.Message, exception),
        SqliteException sqlite when !IsContent(sqlite) => new IOException(
            $"The data file '{path}' could not be used: {sqlite.Message} The sandbox did not start, and no invoice or notification record in the file was changed; "
            + "this error is about reaching the file (another process holding it, a read-only or full disk, a missing directory), "
            + "not a sign that the file is damaged.",
            sqlite),
        SqliteException or JsonException => new InvalidDataException($"The data file '{path}' cannot be read as a sandbox data file: {exception.Message}", exception),
        _ => throw new ArgumentException("Not an error of the data file.", nameof(exception), exception),
    };
}
