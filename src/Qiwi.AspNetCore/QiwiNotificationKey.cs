using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Qiwi.Runtime;

namespace Qiwi.AspNetCore;

/// <summary>
/// The identity of a notification: a SHA-256 (hex) over its fields sorted by name, each name and value
/// length-prefixed, so the same notification repeated (in any field order) has the same key and two that
/// differ in any field do not. Contains no secret: the authorization headers are not part of it.
/// </summary>
/// <remarks>
/// The hash is taken over the UTF-8 of that text. A lone UTF-16 surrogate, which UTF-8 cannot carry (the form
/// reader never produces one, but a caller of this method may), is written as its own three bytes (as WTF-8 does)
/// rather than as U+FFFD, so two distinct strings never share a key; well-formed text, everything a notification
/// posted over HTTP decodes to, keeps the key it always had.
/// </remarks>
public static class QiwiNotificationKey
{
    /// <summary>Computes the key of a notification from its form fields.</summary>
    /// <param name="fields">The fields as posted (the last value of a repeated name counts).</param>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var canonical = new StringBuilder();
        foreach (var field in fields.GroupBy(f => f.Key, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            canonical.Append(field.Key.Length).Append(':').Append(field.Key).Append(field.Value.Length).Append(':').Append(field.Value);
        }

        return Convert.ToHexString(SHA256.HashData(Bytes(canonical.ToString()))).ToLowerInvariant();
    }

    /// <summary>
    /// The key of a notification authorized by its <paramref name="signature"/>: a SHA-256 (hex) over the values the
    /// signature covers, in its order, each length-prefixed. QIWI's signature covers the values in name order, not the
    /// names: a captured notification posted again with a field renamed to a name that sorts in the same place passes
    /// the signature, and must be recognized as the notification it is, not applied a second time. The values are
    /// length-prefixed rather than joined by the signature's separator, so two notifications whose values differ only
    /// in where a separator falls ('a|b', 'c' and 'a', 'b|c') never share a key.
    /// </summary>
    /// <param name="signature">How the notification is signed (the webhook's <see cref="QiwiWebhook{T}.Signature"/>).</param>
    /// <param name="fields">The fields as posted (the last value of a repeated name counts).</param>
    /// <exception cref="ArgumentException">A field the signature needs is missing.</exception>
    public static string Compute(QiwiSignatureSpec signature, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(fields);
        // The signature's own gathering (its order, the last of a repeated name, its missing-field check) over the
        // values made length-prefixed, so the joined text reads back into exactly one list of values.
        var prefixed = fields.Select(f => f.Value is null ? f : new KeyValuePair<string, string>(f.Key, f.Value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + f.Value));
        return Convert.ToHexString(SHA256.HashData(Bytes(QiwiSignature.CanonicalString(signature, prefixed)))).ToLowerInvariant();
    }

    /// <summary>The UTF-8 of the text, each lone surrogate as the three bytes of its code unit (which no well-formed text encodes to).</summary>
    private static byte[] Bytes(string text)
    {
        var bytes = new byte[text.Length * 3]; // at most 3 bytes a UTF-16 unit (a pair: 4 for 2)
        var written = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) == OperationStatus.Done)
            {
                written += rune.EncodeToUtf8(bytes.AsSpan(written));
            }
            else
            {
                var unit = rest[0]; // a lone surrogate: 1110xxxx 10xxxxxx 10xxxxxx over its 16 bits
                bytes[written++] = (byte)(0xE0 | (unit >> 12));
                bytes[written++] = (byte)(0x80 | ((unit >> 6) & 0x3F));
                bytes[written++] = (byte)(0x80 | (unit & 0x3F));
                consumed = 1;
            }

            rest = rest[consumed..];
        }

        return bytes.AsSpan(0, written).ToArray();
    }
}
