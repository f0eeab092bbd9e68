using System.Net.Http.Headers;
using System.Text;

namespace Qiwi.Runtime;

/// <summary><c>Authorization: Basic Base64(API_ID:API_PASSWORD)</c>, UTF-8.</summary>
public sealed class BasicAuthPolicy : QiwiPipelinePolicy
{
    /// <inheritdoc />
    public override ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Options.ApiId + ":" + message.Options.ApiPassword));
        message.HttpRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return next(message);
    }
}
