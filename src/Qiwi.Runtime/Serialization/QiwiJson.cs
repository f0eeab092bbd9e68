using System.Globalization;
using System.Text.Json;

namespace Qiwi.Runtime.Serialization;

/// <summary>
/// Reads of JSON values for generated readers, tolerant of QIWI's habits: amounts as strings
/// ("10.00") or numbers, integers as numbers or numeric strings.
/// </summary>
public static class QiwiJson
{
    /// <summary>A string; numbers and booleans are taken as their text.</summary>
    public static string ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
    };

    /// <summary>A decimal, from a number or a string.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDecimal(),
        JsonTokenType.String => QiwiFormat.ParseDecimal(reader.GetString()!),
        _ => throw new JsonException($"Expected a decimal, found {reader.TokenType}."),
    };

    /// <summary>An int, from a number or a numeric string.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetInt32(),
        JsonTokenType.String => int.Parse(reader.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        _ => throw new JsonException($"Expected an integer, found {reader.TokenType}."),
    };

    /// <summary>A long, from a number or a numeric string.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetInt64(),
        JsonTokenType.String => long.Parse(reader.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        _ => throw new JsonException($"Expected an integer, found {reader.TokenType}."),
    };

    /// <summary>A boolean, from true/false or the strings "true"/"false".</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String => QiwiXml.ParseBoolean(reader.GetString()!),
        _ => throw new JsonException($"Expected a boolean, found {reader.TokenType}."),
    };

    /// <summary>Skips the value the reader is on (an object or array with all it holds).</summary>
    public static void Skip(ref Utf8JsonReader reader) => reader.Skip();
}
