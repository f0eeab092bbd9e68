namespace Qiwi.Runtime;

/// <summary><c>Accept: application/json</c> or <c>application/xml</c>, per the client's options.</summary>
public sealed class AcceptPolicy : QiwiPipelinePolicy
{
    /// <inheritdoc />
    public override ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        var mediaType = message.Options.MediaType == QiwiMediaType.Xml ? "application/xml" : "application/json";
        // As text: the same header on the wire, without a parsed value or the typed collection per call.
        var headers = message.HttpRequest.Headers;
        headers.Remove("Accept");
        headers.TryAddWithoutValidation("Accept", mediaType);
        return next(message);
    }
}
