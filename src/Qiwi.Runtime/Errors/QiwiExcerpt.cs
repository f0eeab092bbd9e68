using System.Text;
using System.Text.RegularExpressions;

namespace Qiwi.Runtime;

/// <summary>
/// What of a response may appear in an exception's message: a short excerpt, control characters
/// blanked, credentials removed. Whatever a server (or a proxy in front of it) echoes, the message never
/// carries an <c>Authorization</c> value; the full body stays in the exception's own property.
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
        var clean = text;
        foreach (var secret in secrets)
        {
            if (secret is { Length: >= 4 })
            {
                clean = clean.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        clean = Credentials().Replace(clean, "$1 " + Redacted);
        return AuthorizationHeader().Replace(clean, "$1: " + Redacted);
    }

    /// <summary><paramref name="text"/> with credentials removed and control characters blanked, not shortened (for text the toolkit wrote around excerpts).</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = AuthorizationHeader().Replace(Credentials().Replace(text, "$1 " + Redacted), "$1: " + Redacted);
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
