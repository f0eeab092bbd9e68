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
        : base(operationId, BuildMessage(operationId, resultCode, description, catalogDescription, statusCode), null)
    {
        ResultCode = resultCode;
        Description = description ?? catalogDescription;
        IsFatal = isFatal;
        StatusCode = statusCode;
        RawBody = rawBody;
    }

    /// <summary>The result code (cast it to the generated result-code enum).</summary>
    public int ResultCode { get; }

    /// <summary>The description from the body, or the spec's when the body has none.</summary>
    public string? Description { get; }

    /// <summary>True (repeating will not help), false (temporary), or null when the docs do not say.</summary>
    public bool? IsFatal { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body as received.</summary>
    public string RawBody { get; }

    private static string BuildMessage(string? operationId, int resultCode, string? description, string? catalogDescription, HttpStatusCode statusCode)
    {
        var text = "QIWI result code " + resultCode.ToString(CultureInfo.InvariantCulture);
        if (catalogDescription is not null)
        {
            text += " (" + catalogDescription.TrimEnd('.') + ")";
        }

        if (description is not null)
        {
            text += ": " + description;
        }

        return text + $" [HTTP {(int)statusCode}, operation {operationId}]";
    }
}
