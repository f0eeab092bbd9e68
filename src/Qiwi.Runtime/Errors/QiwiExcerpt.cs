using System.Text;
using System.Text.RegularExpressions;

namespace Qiwi.Runtime;

/// <summary>
/// What of a response may appear in an exception's message: a short excerpt, control characters
/// blanked, credentials removed. Whatever a server (or a proxy in front of it) echoes, the message never
/// carries an <c>Authorization</c> value; the full body stays in the exception's own property, without the client's own credentials.
/// </summary>
public static partial class QiwiExcerpt
{
    /// <summary>The longest excerpt, in characters, before "...".</summary>
    public const int MaxLength = 80;

    private const string Redacted = "***";

    /// <summary>A sanitized excerpt of <paramref name="text"/>; <paramref name="secrets"/> (the API password, its Basic token) are removed too.</summary>
    public static string Of(string? text, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = RemoveCredentials(text, secrets);
        var builder = new StringBuilder(Math.Min(clean.Length, MaxLength + 3));
        foreach (var c in clean)
        {
            if (builder.Length == MaxLength)
            {
                return builder.Append("...").ToString();
            }

            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> with <paramref name="secrets"/> and credentials removed, nothing else changed (the same instance when there are none).</summary>
    internal static string RemoveCredentials(string text, string?[] secrets)
    {
        var clean = Credentials().Replace(RemoveSecrets(text, secrets)!, "$1 " + Redacted);
        return AuthorizationHeader().Replace(clean, "$1: " + Redacted);
    }

    /// <summary>
    /// <paramref name="text"/> with each of <paramref name="secrets"/> (the client's API password and Basic token) replaced
    /// by <c>***</c>, nothing else changed: for what an exception keeps in a property (a structured logger writes out
    /// every property). The same instance when none occurs.
    /// </summary>
    internal static string? RemoveSecrets(string? text, string?[] secrets)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (secret is { Length: >= 4 } && text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>
    /// <paramref name="body"/> with the UTF-8 bytes of each of <paramref name="secrets"/> replaced by those of <c>***</c>,
    /// every other byte kept as received (a body that is not UTF-8 stays as it was around them). The same array when
    /// none occurs.
    /// </summary>
    internal static byte[] RemoveSecrets(byte[] body, string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret is not { Length: >= 4 })
            {
                continue;
            }

            var needle = Encoding.UTF8.GetBytes(secret);
            var at = body.AsSpan().IndexOf(needle);
            if (at < 0)
            {
                continue;
            }

            var replacement = "***"u8;
            var output = new List<byte>(body.Length);
            var rest = body.AsSpan();
            while (at >= 0)
            {
                output.AddRange(rest[..at]);
                output.AddRange(replacement);
                rest = rest[(at + needle.Length)..];
                at = rest.IndexOf(needle);
            }

            output.AddRange(rest);
            body = output.ToArray();
        }

        return body;
    }

    /// <summary><paramref name="text"/> with credentials removed and control characters blanked, not shortened (for text the toolkit wrote around excerpts).</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = RemoveCredentials(text, []);
        return string.Create(clean.Length, clean, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }

    [GeneratedRegex(@"\b(Basic|Bearer|Digest|Negotiate|NTLM)\s+[^\s""'<>,;]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credentials();

    [GeneratedRegex(@"\b((?:Proxy-)?Authorization)\s*[:=]\s*(?!\*\*\*)[^\r\n""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();
}
