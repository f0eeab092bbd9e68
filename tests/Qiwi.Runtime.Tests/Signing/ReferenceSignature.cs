using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// The signature rules written the straightforward way, independently of the runtime's pooled fast path: a
/// dictionary of the last values, PHP's ksort on UTF-8 byte arrays and a regex for numeric names, the joined
/// string, its UTF-8 bytes, the hash, its text.
/// </summary>
internal static partial class ReferenceSignature
{
    /// <summary>The signature's text, or null when a field the signature needs is missing.</summary>
    public static string? Compute(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields, string key)
    {
        var canonical = CanonicalString(spec, fields);
        if (canonical is null)
        {
            return null;
        }

        var data = Encoding.UTF8.GetBytes(canonical);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var hash = spec.Algorithm == "HMAC-SHA1" ? HMACSHA1.HashData(keyBytes, data) : HMACSHA256.HashData(keyBytes, data);
        return spec.Encoding == "hex" ? Convert.ToHexString(hash).ToLowerInvariant() : Convert.ToBase64String(hash);
    }

    public static string? CanonicalString(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var names = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields.Where(f => f.Key != spec.Target))
        {
            if (!values.ContainsKey(name))
            {
                names.Add(name);
            }

            values[name] = value ?? string.Empty;
        }

        if (spec.Fields is null)
        {
            return string.Join(spec.Separator, Ksort(names).Select(n => values[n]));
        }

        var signed = new List<string>();
        foreach (var name in spec.Fields)
        {
            if (values.TryGetValue(name, out var value))
            {
                signed.Add(value);
            }
            else if (!spec.Optional.Contains(name))
            {
                return null;
            }
        }

        return string.Join(spec.Separator, signed);
    }

    /// <summary>A stable insertion sort with PHP 8's key comparison, as the runtime documents it.</summary>
    private static List<string> Ksort(List<string> names)
    {
        var sorted = new List<string>(names);
        for (var i = 1; i < sorted.Count; i++)
        {
            var current = sorted[i];
            var j = i - 1;
            for (; j >= 0 && Compare(sorted[j], current) > 0; j--)
            {
                sorted[j + 1] = sorted[j];
            }

            sorted[j + 1] = current;
        }

        return sorted;
    }

    private static int Compare(string left, string right)
    {
        if (Number(left) is { } a && Number(right) is { } b)
        {
            return a.Integer is { } x && b.Integer is { } y ? x.CompareTo(y) : a.Real.CompareTo(b.Real);
        }

        var l = Encoding.UTF8.GetBytes(left);
        var r = Encoding.UTF8.GetBytes(right);
        for (var i = 0; i < Math.Min(l.Length, r.Length); i++)
        {
            if (l[i] != r[i])
            {
                return l[i].CompareTo(r[i]);
            }
        }

        return l.Length.CompareTo(r.Length);
    }

    private static (long? Integer, double Real)? Number(string name)
    {
        var match = NumericName().Match(name);
        if (!match.Success)
        {
            return null;
        }

        var text = match.Groups["number"].Value;
        if (!text.Contains('.') && !text.Contains('e') && !text.Contains('E') && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return (integer, integer);
        }

        return (null, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^[ \t\n\r\v\f]*(?<number>[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)[ \t\n\r\v\f]*$")]
    private static partial Regex NumericName();
}
