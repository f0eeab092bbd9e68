using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qiwi.Runtime.Serialization;

/// <summary>
/// Reads of JSON values for generated readers, tolerant of QIWI's habits: amounts as strings
/// ("10.00") or numbers, integers as numbers or numeric strings. Each method reads the token the reader
/// is positioned on (after <see cref="Utf8JsonReader.Read"/> moved it onto the value).
/// </summary>
/// <remarks>
/// Numbers written as strings are parsed straight from the UTF-8 bytes when they are neither escaped nor
/// split across buffers, so reading an amount or a code allocates nothing.
/// </remarks>
public static class QiwiJson
{
    /// <summary>Leading and trailing blanks are tolerated, as <see cref="QiwiFormat.ParseDecimal"/> does.</summary>
    private const NumberStyles DecimalStyles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;

    private const NumberStyles IntegerStyles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;

    /// <summary>A string; a number is taken as its text (a number keeps its digits: <c>10.00</c> stays "10.00"; the docs' example writes a refund id unquoted).</summary>
    /// <exception cref="JsonException">The token is a boolean, null, an object or an array (<c>true</c> is not the text "true").</exception>
    public static string ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
    };

    /// <summary>A decimal, from a number or a string (<c>"10.00"</c>), invariant.</summary>
    /// <exception cref="JsonException">The token is neither a number nor a string.</exception>
    /// <exception cref="FormatException">The string or number is not a decimal.</exception>
    public static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                if (IsPlain(ref reader) && decimal.TryParse(reader.ValueSpan, DecimalStyles, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                return QiwiFormat.ParseDecimal(reader.GetString()!);
            default:
                throw new JsonException($"Expected a decimal, found {reader.TokenType}.");
        }
    }

    /// <summary>An int, from a number or a numeric string.</summary>
    /// <exception cref="JsonException">The token is neither a number nor a string.</exception>
    /// <exception cref="FormatException">The value is not an integer (or, as a number, does not fit).</exception>
    /// <exception cref="OverflowException">A numeric string does not fit.</exception>
    public static int ReadInt32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetInt32();
            case JsonTokenType.String:
                if (IsPlain(ref reader) && int.TryParse(reader.ValueSpan, IntegerStyles, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                return QiwiXml.ParseInt32(reader.GetString()!);
            default:
                throw new JsonException($"Expected an integer, found {reader.TokenType}.");
        }
    }

    /// <summary>A long, from a number or a numeric string.</summary>
    /// <exception cref="JsonException">The token is neither a number nor a string.</exception>
    /// <exception cref="FormatException">The value is not an integer (or, as a number, does not fit).</exception>
    /// <exception cref="OverflowException">A numeric string does not fit.</exception>
    public static long ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetInt64();
            case JsonTokenType.String:
                if (IsPlain(ref reader) && long.TryParse(reader.ValueSpan, IntegerStyles, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                return QiwiXml.ParseInt64(reader.GetString()!);
            default:
                throw new JsonException($"Expected an integer, found {reader.TokenType}.");
        }
    }

    /// <summary>A boolean, from true/false or the strings "true"/"false" (any case) and "1"/"0".</summary>
    /// <exception cref="JsonException">The token is neither a boolean nor a string.</exception>
    /// <exception cref="FormatException">The string is not a boolean.</exception>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String => QiwiXml.ParseBoolean(reader.GetString()!),
        _ => throw new JsonException($"Expected a boolean, found {reader.TokenType}."),
    };

    /// <summary>Skips the value the reader is on: an object or array with all it holds, or a primitive (nothing to do).</summary>
    /// <exception cref="InvalidOperationException">The reader holds only part of the value (a non-final block).</exception>
    public static void Skip(ref Utf8JsonReader reader) => reader.Skip();

    /// <summary>Whether the token's bytes can be parsed as they are: one contiguous span, no escapes.</summary>
    private static bool IsPlain(ref Utf8JsonReader reader) => !reader.HasValueSequence && !reader.ValueIsEscaped;
}
