using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// One row of the data file as the load reads it: where it is (the file, the table and the row's key), and its columns
/// read with their storage class checked (SQLite keeps any value in any column of a hand-made or edited table), so a
/// value that is not what the sandbox writes is a <see cref="DataFileException"/> naming the row and the column, never
/// a conversion exception from inside the reader or a silent 0.
/// </summary>
internal sealed class DataFileRow(string path, string name)
{
    public string Path => path;

    /// <summary>The table and key, such as <c>sandbox_invoice row 3 (shop_id 77, bill_id 'B1')</c>.</summary>
    public string Name => name;

    /// <summary>This row, named more exactly (once its key columns are read).</summary>
    public DataFileRow Named(string more) => new(path, more);

    /// <summary>The error for this row: <paramref name="field"/> (a column, or a quoted JSON path; null for the row as a whole) and what is wrong with it.</summary>
    public DataFileException Bad(string? field, string problem) => new(path, name, field, problem);

    /// <summary>The column's value, which must be an integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public long Integer(SqliteDataReader reader, int ordinal, long min, long max)
        => reader.GetValue(ordinal) is long value && value >= min && value <= max
            ? value
            : throw Bad(reader.GetName(ordinal), $"is {Describe(reader.GetValue(ordinal))}, not an integer" + (min == long.MinValue && max == long.MaxValue ? string.Empty : $" from {min} to {max}"));

    /// <summary>The column's value, which must be text.</summary>
    public string Text(SqliteDataReader reader, int ordinal)
        => reader.GetValue(ordinal) as string ?? throw Bad(reader.GetName(ordinal), $"is {Describe(reader.GetValue(ordinal))}, not text");

    /// <summary>Reads <paramref name="json"/> (the text of this row's JSON column <paramref name="column"/>) as an object with <paramref name="read"/>.</summary>
    public T Json<T>(string json, string column, Func<JsonFields, T> read)
    {
        JsonDocument document;
        try
        {
            // From UTF-8 bytes: a string with a lone surrogate (none comes out of SQLite's UTF-8, but) cannot make the parser throw anything but JsonException.
            document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        }
        catch (JsonException exception)
        {
            throw Bad(column, "is not JSON (" + exception.Message + ")");
        }

        using (document)
        {
            return read(JsonFields.Of(this, document.RootElement, null));
        }
    }

    /// <summary>A value as an error message shows it: strings quoted and cut to 40 characters.</summary>
    public static string Describe(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => Quote(text),
        byte[] blob => $"a blob of {blob.Length} bytes",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    public static string Quote(string text) => "'" + (text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), $"... ({text.Length} characters)")) + "'";
}
