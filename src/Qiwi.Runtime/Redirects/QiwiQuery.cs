namespace Qiwi.Runtime;

/// <summary>Reads the query of a URL the payer arrives at.</summary>
public static class QiwiQuery
{
    /// <summary>
    /// The query parameters of <paramref name="url"/>, URL-decoded ('+' is a space). A parameter given
    /// twice keeps its last value: QIWI appends its parameters after the merchant's own. The fragment (from <c>#</c>)
    /// is no part of the query, in an absolute URL or a relative one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = url.IsAbsoluteUri ? url.Query : QueryOf(url.OriginalString);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            result[name] = value;
        }

        return result;
    }

    /// <summary>
    /// A parameter's text read as its type by <paramref name="read"/> (a generated parser's reading of a number, a date,
    /// a boolean): text that is no value of the type, or too large for it, is a <see cref="FormatException"/> naming the
    /// parameter, so that a URL anyone can make never throws anything else from a parser.
    /// </summary>
    /// <exception cref="FormatException">The text cannot be read as the parameter's type.</exception>
    public static T Read<T>(string name, string text, Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read(text);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"'{name}' cannot be read (was '{QiwiFormat.Shorten(text)}'): {exception.Message}", exception);
        }
    }

    /// <summary>The query of a relative URL's text: from its first '?' to its fragment's '#' (a '#' before any '?' starts the fragment: no query).</summary>
    private static string QueryOf(string text)
    {
        var hash = text.IndexOf('#');
        var head = hash < 0 ? text : text[..hash];
        var question = head.IndexOf('?');
        return question < 0 ? string.Empty : head[question..];
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
