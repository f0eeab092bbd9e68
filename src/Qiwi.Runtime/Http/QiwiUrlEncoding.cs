using System.Text;

namespace Qiwi.Runtime;

/// <summary>
/// The one percent-encoder for everything the toolkit puts on the wire: path segments, query strings
/// (API requests and redirect URLs) and <c>application/x-www-form-urlencoded</c> bodies. RFC 3986
/// unreserved characters stay as they are; everything else, spaces included, is <c>%XX</c> of its UTF-8
/// bytes.
/// </summary>
public static class QiwiUrlEncoding
{
    /// <summary>
    /// One path segment, encoded so that no value can change the path: '/', '?', '#', '%', spaces and
    /// non-ASCII are encoded, and a segment of "." or ".." has its dots encoded.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds a lone UTF-16 surrogate: it has no UTF-8 form, and sent as U+FFFD it would name another resource.</exception>
    public static string PathSegment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (LoneSurrogateAt(value) is int at)
        {
            throw new ArgumentException($"A path parameter must be well-formed text: it has a lone surrogate at index {at}, which has no UTF-8 form (sent as U+FFFD it would name another invoice or refund).", nameof(value));
        }

        var encoded = Uri.EscapeDataString(value);
        return encoded is "." or ".." ? encoded.Replace(".", "%2E", StringComparison.Ordinal) : encoded;
    }

    /// <summary>The index of the first UTF-16 surrogate that is not half of a pair, or null.</summary>
    internal static int? LoneSurrogateAt(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Appends <c>name=value</c> pairs joined by '&amp;', each part encoded; the first preceded by <paramref name="first"/> unless it is '\0'.</summary>
    public static StringBuilder AppendPairs(StringBuilder builder, IReadOnlyList<KeyValuePair<string, string>> pairs, char first)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pairs);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }
            else if (first != '\0')
            {
                builder.Append(first);
            }

            builder.Append(Uri.EscapeDataString(pairs[i].Key)).Append('=').Append(Uri.EscapeDataString(pairs[i].Value));
        }

        return builder;
    }

    /// <summary>A form body (<c>a=1&amp;b=2</c>) or query string without its '?'.</summary>
    public static string Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
        => AppendPairs(new StringBuilder(), pairs, '\0').ToString();

    /// <summary>
    /// <see cref="Pairs"/> as the UTF-8 (so ASCII) bytes of a form body, written once into an array of the exact
    /// length: no builder, no escaped strings, no intermediate text. Same rule: unreserved characters as they are,
    /// anything else <c>%XX</c> of its UTF-8 bytes (a lone surrogate as U+FFFD's).
    /// </summary>
    internal static byte[] PairsUtf8(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var length = pairs.Count > 0 ? pairs.Count - 1 : 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            length += EscapedLength(pairs[i].Key) + 1 + EscapedLength(pairs[i].Value);
        }

        var bytes = new byte[length];
        var at = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)'&';
            }

            at = Escape(pairs[i].Key, bytes, at);
            bytes[at++] = (byte)'=';
            at = Escape(pairs[i].Value, bytes, at);
        }

        return bytes;
    }

    private static int EscapedLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = 0;
        for (var i = 0; i < text.Length;)
        {
            if (IsUnreserved(text[i]))
            {
                length++;
                i++;
                continue;
            }

            System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            length += 3 * rune.Utf8SequenceLength;
            i += used;
        }

        return length;
    }

    private static int Escape(string text, byte[] destination, int at)
    {
        const string Hex = "0123456789ABCDEF";
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            if (IsUnreserved(text[i]))
            {
                destination[at++] = (byte)text[i++];
                continue;
            }

            System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            i += used;
            for (var b = 0; b < rune.EncodeToUtf8(utf8); b++)
            {
                destination[at++] = (byte)'%';
                destination[at++] = (byte)Hex[utf8[b] >> 4];
                destination[at++] = (byte)Hex[utf8[b] & 0xF];
            }
        }

        return at;
    }

    /// <summary>RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".</summary>
    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
