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
    public static string PathSegment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = Uri.EscapeDataString(value);
        return encoded is "." or ".." ? encoded.Replace(".", "%2E", StringComparison.Ordinal) : encoded;
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
}
