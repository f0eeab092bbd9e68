using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>Computes and verifies signatures described by a <see cref="QiwiSignatureSpec"/>.</summary>
/// <remarks>
/// The canonical form is never built as a string: the values are gathered into a pooled buffer, ordered in place,
/// written as UTF-8 to a stack (or pooled) buffer and hashed there; the result is encoded to a stack buffer and
/// compared in constant time. The bytes hashed are exactly those of <see cref="CanonicalString"/> in UTF-8.
/// </remarks>
public static class QiwiSignature
{
    private const int StackLimit = 512;

    /// <summary>The longest encoding: HMAC-SHA256 (32 bytes) in hex.</summary>
    private const int MaxEncodedLength = 64;

    /// <summary>The signature of <paramref name="fields"/> keyed with <paramref name="key"/>.</summary>
    /// <param name="spec">How to sign.</param>
    /// <param name="fields">The fields (URL-decoded values). A field given twice counts with its last value, as PHP reads a form.</param>
    /// <param name="key">The secret (UTF-8).</param>
    /// <exception cref="ArgumentException">A field the signature needs is missing.</exception>
    public static string Compute(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields, string key)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(key);
        using var values = SignedValues.Gather(spec, fields);
        Span<char> encoded = stackalloc char[MaxEncodedLength];
        return new string(encoded[..Sign(spec, values, key, encoded)]);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is the signature of <paramref name="fields"/>; compared in constant time.
    /// False when the signature is absent, malformed, or a field the signature needs is missing.
    /// </summary>
    public static bool Verify(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields, string key, string? signature)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        SignedValues values;
        try
        {
            values = SignedValues.Gather(spec, fields);
        }
        catch (ArgumentException)
        {
            return false;
        }

        using (values)
        {
            // One spelling only: the canonical text Compute produces, compared in constant time. Comparing
            // decoded bytes would accept surrounding blanks, the other hex case and Base64's unused bits.
            Span<char> expected = stackalloc char[MaxEncodedLength];
            var length = Sign(spec, values, key, expected);

            // The expected text is ASCII: a signature of another length (in chars, so in UTF-8 bytes) never matches.
            return signature.Length == length
                && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected[..length]), MemoryMarshal.AsBytes(signature.AsSpan()));
        }
    }

    /// <summary>The string that is signed: the values, in the spec's order, joined by its separator.</summary>
    public static string CanonicalString(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fields);
        using var values = SignedValues.Gather(spec, fields);
        return values.Join(spec.Separator);
    }

    /// <summary>Hashes the canonical form's UTF-8 bytes and writes the encoded signature; returns its length.</summary>
    private static int Sign(QiwiSignatureSpec spec, in SignedValues values, string key, Span<char> encoded)
    {
        if (values.JoinFormsSurrogatePair(spec.Separator))
        {
            // Only the joined string says how a pair split across pieces is encoded: rare, so allocate.
            return Sign(spec, Encoding.UTF8.GetBytes(values.Join(spec.Separator)), key, encoded);
        }

        // At most three bytes per UTF-16 char: most forms fit the stack buffer without counting their bytes first.
        var length = values.MaxUtf8Length(spec.Separator) is var bound && bound <= StackLimit ? (int)bound : values.Utf8Length(spec.Separator);
        byte[]? rented = null;
        var data = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return Sign(spec, data[..values.WriteUtf8(spec.Separator, data)], key, encoded);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Sign(QiwiSignatureSpec spec, ReadOnlySpan<byte> data, string key, Span<char> encoded)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hash = hash[..KeyedHmac.Hash(spec.Algorithm == "HMAC-SHA1", key, data, hash)];
        return spec.Encoding == "hex" ? WriteHex(hash, encoded) : WriteBase64(hash, encoded);
    }

    private static int WriteHex(ReadOnlySpan<byte> hash, Span<char> destination)
    {
        const string Digits = "0123456789abcdef";
        for (var i = 0; i < hash.Length; i++)
        {
            destination[2 * i] = Digits[hash[i] >> 4];
            destination[(2 * i) + 1] = Digits[hash[i] & 0xF];
        }

        return 2 * hash.Length;
    }

    private static int WriteBase64(ReadOnlySpan<byte> hash, Span<char> destination)
    {
        Convert.TryToBase64Chars(hash, destination, out var written);
        return written;
    }
}
