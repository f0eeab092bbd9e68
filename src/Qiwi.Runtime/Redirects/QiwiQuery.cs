namespace Qiwi.Runtime;

/// <summary>Reads the query of a URL the payer arrives at.</summary>
public static class QiwiQuery
{
    /// <summary>
    /// The query parameters of <paramref name="url"/>, URL-decoded ('+' is a space). A parameter given
    /// twice keeps its last value: QIWI appends its parameters after the merchant's own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = url.IsAbsoluteUri ? url.Query : (url.OriginalString.Contains('?') ? url.OriginalString[url.OriginalString.IndexOf('?')..] : string.Empty);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            result[name] = value;
        }

        return result;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
