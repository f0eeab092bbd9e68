using System.Net.Http.Headers;
using System.Text;

namespace Qiwi.Runtime;

/// <summary><c>Authorization: Basic Base64(API_ID:API_PASSWORD)</c>, UTF-8.</summary>
/// <remarks>The header value is built once per pair of credentials and shared by the requests that follow (as a hand-written client keeps it).</remarks>
public sealed class BasicAuthPolicy : QiwiPipelinePolicy
{
    private Credentials? _last;

    /// <inheritdoc />
    public override ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(next);
        var options = message.Options;
        var last = _last;
        if (last is null || !ReferenceEquals(last.ApiId, options.ApiId) || !ReferenceEquals(last.ApiPassword, options.ApiPassword))
        {
            _last = last = new Credentials(options.ApiId, options.ApiPassword, new AuthenticationHeaderValue("Basic", Token(options)));
        }

        message.HttpRequest.Headers.Authorization = last.Header;
        return next(message);
    }

    /// <summary>The header's token, <c>Base64(API_ID:API_PASSWORD)</c> in UTF-8 (also what error excerpts mask).</summary>
    internal static string Token(QiwiClientOptions options)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiId + ":" + options.ApiPassword));

    /// <summary>What no exception may keep or quote: the Basic token and the API password (a server or proxy may echo either).</summary>
    internal static string?[] Secrets(QiwiClientOptions options) => [Token(options), options.ApiPassword];

    /// <summary>The credentials a header was built from (compared by reference: options changed, header rebuilt). Not a record: no ToString with the password.</summary>
    private sealed class Credentials(string apiId, string apiPassword, AuthenticationHeaderValue header)
    {
        public string ApiId { get; } = apiId;

        public string ApiPassword { get; } = apiPassword;

        public AuthenticationHeaderValue Header { get; } = header;
    }
}
