using System.Net.Http.Headers;

namespace Qiwi.Runtime;

/// <summary><c>Accept: application/json</c> or <c>application/xml</c>, per the client's options.</summary>
public sealed class AcceptPolicy : QiwiPipelinePolicy
{
    /// <inheritdoc />
    public override ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        var mediaType = message.Options.MediaType == QiwiMediaType.Xml ? "application/xml" : "application/json";
        message.HttpRequest.Headers.Accept.Clear();
        message.HttpRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return next(message);
    }
}
