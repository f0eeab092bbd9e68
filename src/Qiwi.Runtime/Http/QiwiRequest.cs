using System.Globalization;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>A request being built by generated code: method, path, query, form fields and headers.</summary>
public sealed class QiwiRequest
{
    // Sized for the spec's paths; the lists come into being with their first entry (most calls have no query or headers).
    private readonly StringBuilder _path = new(64);
    private List<KeyValuePair<string, string>>? _query;
    private List<KeyValuePair<string, string>>? _form;
    private List<KeyValuePair<string, string>>? _headers;

    /// <summary>Starts a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="operationId">The spec's operationId (for logs, traces and errors).</param>
    /// <param name="idempotent">Whether a repeat is safe when the outcome of an attempt is unknown.</param>
    public QiwiRequest(HttpMethod method, string operationId, bool idempotent)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
        Idempotent = idempotent;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The spec's operationId.</summary>
    public string OperationId { get; }

    /// <summary>Whether a repeat is safe.</summary>
    public bool Idempotent { get; }

    /// <summary>Whether the request may change something on the server (any method but GET and HEAD).</summary>
    public bool IsWrite => Method != HttpMethod.Get && Method != HttpMethod.Head;

    /// <summary>The path built so far (encoded).</summary>
    public string Path => _path.ToString();

    /// <summary>The query parameters (not encoded).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => (IReadOnlyList<KeyValuePair<string, string>>?)_query ?? [];

    /// <summary>The form fields (not encoded), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form => (IReadOnlyList<KeyValuePair<string, string>>?)_form ?? [];

    /// <summary>Extra headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? [];

    /// <summary>Appends literal text of the spec's path template, as is.</summary>
    public void AppendPath(string literal) => _path.Append(literal);

    /// <summary>
    /// Appends one path segment, percent-encoded so that no value can change the path: '/', '?', '#',
    /// '%', spaces and non-ASCII are encoded, and a segment of "." or ".." has its dots encoded.
    /// </summary>
    public void AppendPathSegment(string value)
    {
        _path.Append(QiwiUrlEncoding.PathSegment(value));
    }

    /// <summary>Appends an integer path segment.</summary>
    public void AppendPathSegment(long value) => _path.Append(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a query parameter.</summary>
    public void AddQuery(string name, string value) => (_query ??= new()).Add(new(name, value ?? throw new ArgumentNullException(nameof(value))));

    /// <summary>Adds a form field (sent as <c>application/x-www-form-urlencoded; charset=utf-8</c>).</summary>
    public void AddForm(string name, string value) => (_form ??= new()).Add(new(name, value ?? throw new ArgumentNullException(nameof(value))));

    /// <summary>Adds a header.</summary>
    public void AddHeader(string name, string value) => (_headers ??= new()).Add(new(name, value ?? throw new ArgumentNullException(nameof(value))));

    /// <summary>The path and query relative to the base URL.</summary>
    public string PathAndQuery()
    {
        if (_query is null)
        {
            return Path;
        }

        return QiwiUrlEncoding.AppendPairs(new StringBuilder(Path), _query, '?').ToString();
    }

    /// <summary><paramref name="baseUrl"/> (no trailing '/') followed by the path and query, built as one string.</summary>
    internal string Url(string baseUrl)
    {
        if (_query is not null)
        {
            return baseUrl + PathAndQuery();
        }

        return string.Create(baseUrl.Length + _path.Length, (baseUrl, _path), static (destination, state) =>
        {
            state.baseUrl.CopyTo(destination);
            state._path.CopyTo(0, destination[state.baseUrl.Length..], state._path.Length);
        });
    }
}
