namespace Qiwi.Runtime;

/// <summary>
/// Interpreting, apart from sending: turns a received response into the payload, or into a
/// <see cref="QiwiApiException"/> (a result code) or a <see cref="QiwiProtocolException"/> (not a valid
/// envelope, or an impossible success). Messages quote at most a sanitized excerpt.
/// </summary>
internal sealed class QiwiResponseInterpreter(IQiwiResultCodeCatalog resultCodes, QiwiClientOptions options)
{
    public TPayload Interpret<TPayload>(QiwiRequest request, QiwiCall<TPayload> call, QiwiResponse response)
        where TPayload : class
    {
        var body = response.Body;
        if (body.Length == 0)
        {
            throw Protocol(request, response, "the response body is empty", null);
        }

        var format = Format(response.ContentType, body)
            ?? throw Protocol(request, response, $"the response is '{Excerpt(response.ContentType ?? "(no content type)")}', not JSON or XML", null);

        QiwiEnvelope<TPayload> envelope;
        try
        {
            envelope = format == QiwiMediaType.Xml ? call.Reader.ReadXml(body) : call.Reader.ReadJson(body);
        }
        catch (Exception exception) when (IsMalformedInput(exception))
        {
            throw Protocol(request, response, $"the body is not a valid envelope: {exception.GetType().Name}: {Excerpt(exception.Message)}", exception);
        }

        if (envelope.ResultCode != call.Reader.SuccessCode)
        {
            throw new QiwiApiException(request.OperationId, envelope.ResultCode, envelope.Description, resultCodes.GetDescription(envelope.ResultCode), resultCodes.IsFatal(envelope.ResultCode), response.StatusCode, body, Secrets());
        }

        var payload = envelope.Payload ?? throw Protocol(request, response, $"result code {envelope.ResultCode} (success) came without a payload", null);
        if (call.CheckPayload(payload) is { } impossible)
        {
            throw Protocol(request, response, "the success payload is impossible: " + impossible, null);
        }

        return payload;
    }

    /// <summary>
    /// Whatever a reader throws on the body is malformed input (JsonException, XmlException, FormatException,
    /// InvalidOperationException, NullReferenceException, OverflowException...), except what no parse of a
    /// body should turn into a protocol error: running out of memory, or a cancellation.
    /// </summary>
    private static bool IsMalformedInput(Exception exception)
        => exception is not (OutOfMemoryException or OperationCanceledException or QiwiException);

    private static QiwiMediaType? Format(string? contentType, byte[] body)
    {
        if (contentType is not null)
        {
            if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return QiwiMediaType.Json;
            }

            if (contentType.Contains("xml", StringComparison.OrdinalIgnoreCase))
            {
                return QiwiMediaType.Xml;
            }

            return null;
        }

        // No Content-Type: look at the first character.
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'{' ? QiwiMediaType.Json : b == (byte)'<' ? QiwiMediaType.Xml : null;
        }

        return null;
    }

    /// <summary>An excerpt of server-supplied text with the client's own credentials removed too.</summary>
    private string Excerpt(string text) => QiwiExcerpt.Of(text, Secrets());

    /// <summary>What no message may quote: the Basic token and the API password (a server or proxy may echo either).</summary>
    private string?[] Secrets() => BasicAuthPolicy.Secrets(options);

    /// <summary>
    /// A 404 or 405 that is no QIWI envelope says nothing serves the operation there: most often the base URL is wrong
    /// (the API's own path prefix put into it, a sandbox URL with a path, the shop's URL). Names the setting and its
    /// value, which holds no secret (user info is refused by <see cref="QiwiClientOptions.Validate"/>).
    /// </summary>
    private string WrongEndpointHint(QiwiResponse response)
        => response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed
            ? $"; nothing serves this operation at {(options.SandboxBaseUrl is null ? nameof(QiwiClientOptions.BaseUrl) : nameof(QiwiClientOptions.SandboxBaseUrl))} = {options.ApiBaseUrl.AbsoluteUri}: check that setting (the client appends each operation's path from the spec to it)"
            : string.Empty;

    /// <summary>
    /// The exception; its <see cref="QiwiException.ToString"/> quotes the parser's message (which may quote the body)
    /// without the credentials too, and a parser's exception quoting them is replaced by a <see cref="QiwiRedactedException"/>.
    /// </summary>
    private QiwiProtocolException Protocol(QiwiRequest request, QiwiResponse response, string reason, Exception? inner)
    {
        var secrets = Secrets();
        var exception = new QiwiProtocolException(request.OperationId, reason + WrongEndpointHint(response), response.StatusCode, response.Body, response.ContentType, QiwiRedactedException.Of(inner, secrets), secrets);
        if (inner is not null)
        {
            exception.RedactInnerMessages(secrets);
        }

        return exception;
    }
}
