using System.Net;

namespace Qiwi.Runtime;

/// <summary>
/// The response is not a valid envelope: empty, HTML from a proxy, truncated, of the wrong types,
/// or a success without its payload. Carries the raw body and the HTTP status.
/// </summary>
public sealed class QiwiProtocolException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiProtocolException(string? operationId, string reason, HttpStatusCode statusCode, string rawBody, string? contentType, Exception? innerException)
        : base(operationId, $"The response to {operationId} is not a valid QIWI envelope: {reason} [HTTP {(int)statusCode}].", innerException)
    {
        StatusCode = statusCode;
        RawBody = rawBody;
        ContentType = contentType;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body as received.</summary>
    public string RawBody { get; }

    /// <summary>The response's media type, if any.</summary>
    public string? ContentType { get; }
}
