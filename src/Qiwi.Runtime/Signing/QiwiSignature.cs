using System.Security.Cryptography;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>Computes and verifies signatures described by a <see cref="QiwiSignatureSpec"/>.</summary>
public static class QiwiSignature
{
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
        return Encode(spec, Hash(spec, CanonicalString(spec, fields), key));
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

        string canonical;
        try
        {
            canonical = CanonicalString(spec, fields);
        }
        catch (ArgumentException)
        {
            return false;
        }

        // One spelling only: the canonical text Compute produces, compared in constant time. Comparing
        // decoded bytes would accept surrounding blanks, the other hex case and Base64's unused bits.
        var expected = Encode(spec, Hash(spec, canonical, key));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(signature));
    }

    private static string Encode(QiwiSignatureSpec spec, byte[] hash)
        => spec.Encoding == "hex" ? Convert.ToHexString(hash).ToLowerInvariant() : Convert.ToBase64String(hash);

    /// <summary>The string that is signed: the values, in the spec's order, joined by its separator.</summary>
    public static string CanonicalString(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Key != spec.Target)
            {
                byName[field.Key] = field.Value ?? string.Empty;
            }
        }

        var values = new List<string>();
        if (spec.Fields is null)
        {
            var names = new List<string>(byName.Keys);
            names.Sort(StringComparer.Ordinal);
            foreach (var name in names)
            {
                values.Add(byName[name]);
            }
        }
        else
        {
            foreach (var name in spec.Fields)
            {
                if (byName.TryGetValue(name, out var value))
                {
                    values.Add(value);
                }
                else if (!Contains(spec.Optional, name))
                {
                    throw new ArgumentException($"The field '{name}' is required to compute the {spec.Algorithm} signature.", name);
                }
            }
        }

        return string.Join(spec.Separator, values);
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Hash(QiwiSignatureSpec spec, string canonical, string key)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var data = Encoding.UTF8.GetBytes(canonical);
        return spec.Algorithm == "HMAC-SHA1" ? HMACSHA1.HashData(keyBytes, data) : HMACSHA256.HashData(keyBytes, data);
    }
}
