using System.Security.Cryptography;
using System.Text;

namespace Qiwi.AspNetCore;

/// <summary>
/// The identity of a notification: a SHA-256 (hex) over its fields sorted by name, each name and value
/// length-prefixed, so the same notification repeated (in any field order) has the same key and two that
/// differ in any field do not. Contains no secret: the authorization headers are not part of it.
/// </summary>
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

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))).ToLowerInvariant();
    }
}
