using System.Globalization;
using System.Net;

namespace Qiwi.Runtime;

/// <summary>
/// QIWI answered with a well-formed envelope whose result code is not success, whatever the HTTP
/// status (200, 401 and 500 all occur).
/// </summary>
public sealed class QiwiApiException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiApiException(string? operationId, int resultCode, string? description, string? catalogDescription, bool? isFatal, HttpStatusCode statusCode, string rawBody)
        : this(operationId, resultCode, description, catalogDescription, isFatal, statusCode, System.Text.Encoding.UTF8.GetBytes(rawBody ?? string.Empty))
    {
    }

    /// <summary>Creates the exception from the body's bytes as received.</summary>
    public QiwiApiException(string? operationId, int resultCode, string? description, string? catalogDescription, bool? isFatal, HttpStatusCode statusCode, byte[] rawBytes)
        : this(operationId, resultCode, description, catalogDescription, isFatal, statusCode, rawBytes, [])
    {
    }

    /// <summary>
    /// Creates the exception; <paramref name="secrets"/> (the client's credentials) are removed from the message's excerpt
    /// and from <see cref="Description"/>, <see cref="RawBody"/> and <see cref="RawBytes"/>, each occurrence as <c>***</c>.
    /// </summary>
    internal QiwiApiException(string? operationId, int resultCode, string? description, string? catalogDescription, bool? isFatal, HttpStatusCode statusCode, byte[] rawBytes, string?[] secrets)
        : base(operationId, BuildMessage(operationId, resultCode, description, catalogDescription, statusCode, secrets), null)
    {
        ResultCode = resultCode;
        Description = QiwiExcerpt.RemoveSecrets(description, secrets) ?? catalogDescription;
        IsFatal = isFatal;
        StatusCode = statusCode;
        RawBytes = QiwiExcerpt.RemoveSecrets(rawBytes ?? Array.Empty<byte>(), secrets);
        RawBody = System.Text.Encoding.UTF8.GetString(RawBytes);
    }

    /// <summary>The result code (cast it to the generated result-code enum).</summary>
    public int ResultCode { get; }

    /// <summary>The description from the body (in full, but for the client's credentials; the message quotes a sanitized excerpt), or the spec's when the body has none.</summary>
    public string? Description { get; }

    /// <summary>True (repeating will not help), false (temporary), or null when the docs do not say.</summary>
    public bool? IsFatal { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body decoded as UTF-8 (lossy when it is not valid UTF-8; see <see cref="RawBytes"/>), the client's credentials as <c>***</c>.</summary>
    public string RawBody { get; }

    /// <summary>The response body's bytes as received, but for the client's credentials (its API password, its Basic token), each as <c>***</c>: a structured logger writes out every property.</summary>
    public byte[] RawBytes { get; }

    private static string BuildMessage(string? operationId, int resultCode, string? description, string? catalogDescription, HttpStatusCode statusCode, string?[] secrets)
    {
        var text = "QIWI result code " + resultCode.ToString(CultureInfo.InvariantCulture);
        if (catalogDescription is not null)
        {
            text += " (" + catalogDescription.TrimEnd('.') + ")";
        }

        if (description is not null)
        {
            text += ": " + QiwiExcerpt.Of(description, secrets);
        }

        return text + $" [HTTP {(int)statusCode}, operation {operationId}]";
    }
}
