using System.Net;

namespace Qiwi.Runtime;

/// <summary>
/// The response is not a valid envelope: empty, HTML from a proxy, truncated, of the wrong types, a
/// success without its payload, or a success whose payload is impossible (an amount that is not positive
/// or has too many decimals, another invoice's or refund's id). Carries the raw body and the HTTP status;
/// the message quotes at most a short sanitized excerpt.
/// </summary>
public sealed class QiwiProtocolException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiProtocolException(string? operationId, string reason, HttpStatusCode statusCode, string rawBody, string? contentType, Exception? innerException)
        : this(operationId, reason, statusCode, System.Text.Encoding.UTF8.GetBytes(rawBody ?? string.Empty), contentType, innerException)
    {
    }

    /// <summary>Creates the exception from the body's bytes as received.</summary>
    public QiwiProtocolException(string? operationId, string reason, HttpStatusCode statusCode, byte[] rawBytes, string? contentType, Exception? innerException)
        : base(operationId, $"The response to {operationId} is not a valid QIWI envelope: {QiwiExcerpt.Redact(reason)} [HTTP {(int)statusCode}].", innerException)
    {
        StatusCode = statusCode;
        RawBytes = rawBytes ?? Array.Empty<byte>();
        RawBody = System.Text.Encoding.UTF8.GetString(RawBytes);
        ContentType = contentType;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body decoded as UTF-8 (lossy when it is not valid UTF-8; see <see cref="RawBytes"/>).</summary>
    public string RawBody { get; }

    /// <summary>The response body's bytes exactly as received.</summary>
    public byte[] RawBytes { get; }

    /// <summary>The response's media type, if any.</summary>
    public string? ContentType { get; }
}
