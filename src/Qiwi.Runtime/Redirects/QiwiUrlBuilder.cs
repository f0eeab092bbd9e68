using System.Text;

namespace Qiwi.Runtime;

/// <summary>Builds a redirect URL: base URL, path, and query parameters percent-encoded in the order added.</summary>
public sealed class QiwiUrlBuilder
{
    private readonly string _baseUrl;
    private readonly string _path;
    private readonly List<KeyValuePair<string, string>> _query = new();

    /// <summary>Starts a URL at <paramref name="baseUrl"/> + <paramref name="path"/>.</summary>
    public QiwiUrlBuilder(string baseUrl, string path)
    {
        _baseUrl = (baseUrl ?? throw new ArgumentNullException(nameof(baseUrl))).TrimEnd('/');
        _path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The query parameters added so far (not encoded).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    /// <summary>Adds a query parameter.</summary>
    /// <exception cref="ArgumentException">The value holds a lone UTF-16 surrogate: it has no UTF-8 form, and sent as U+FFFD a <c>transaction</c> would name another invoice.</exception>
    public QiwiUrlBuilder Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (QiwiUrlEncoding.LoneSurrogateAt(value) is int at)
        {
            throw new ArgumentException($"'{name}' must be well-formed text: it has a lone surrogate at index {at}, which has no UTF-8 form (sent as U+FFFD it would name something else).", nameof(value));
        }

        _query.Add(new(name, value));
        return this;
    }

    /// <summary>Signs the parameters added so far and adds the signature as <see cref="QiwiSignatureSpec.Target"/>.</summary>
    /// <exception cref="ArgumentException">A field the signature needs was not added.</exception>
    public QiwiUrlBuilder Sign(QiwiSignatureSpec spec, string key) => Add(spec.Target, QiwiSignature.Compute(spec, _query, key));

    /// <summary>The URL.</summary>
    public Uri ToUri()
    {
        var builder = new StringBuilder(_baseUrl.Length + _path.Length + (_query.Count * 24));
        builder.Append(_baseUrl).Append(_path);
        return new Uri(QiwiUrlEncoding.AppendPairs(builder, _query, '?').ToString(), UriKind.Absolute);
    }
}
