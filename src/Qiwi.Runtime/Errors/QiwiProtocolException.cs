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
        : this(operationId, reason, statusCode, rawBytes, contentType, innerException, [])
    {
    }

    /// <summary>Creates the exception; <paramref name="secrets"/> (the client's credentials) are removed from <see cref="RawBody"/> and <see cref="RawBytes"/>, each occurrence as <c>***</c>.</summary>
    internal QiwiProtocolException(string? operationId, string reason, HttpStatusCode statusCode, byte[] rawBytes, string? contentType, Exception? innerException, string?[] secrets)
        : base(operationId, $"The response to {operationId} is not a valid QIWI envelope: {QiwiExcerpt.Redact(reason)} [HTTP {(int)statusCode}].", innerException)
    {
        StatusCode = statusCode;
        RawBytes = QiwiExcerpt.RemoveSecrets(rawBytes ?? Array.Empty<byte>(), secrets);
        RawBody = System.Text.Encoding.UTF8.GetString(RawBytes);
        ContentType = contentType;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body decoded as UTF-8 (lossy when it is not valid UTF-8; see <see cref="RawBytes"/>), the client's credentials as <c>***</c>.</summary>
    public string RawBody { get; }

    /// <summary>The response body's bytes as received, but for the client's credentials (its API password, its Basic token), each as <c>***</c>: a structured logger writes out every property.</summary>
    public byte[] RawBytes { get; }

    /// <summary>The response's media type, if any.</summary>
    public string? ContentType { get; }
}
