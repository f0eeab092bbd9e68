using System.Net;

namespace Qiwi.Runtime;

/// <summary>
/// Which failures may be retried. Only idempotent requests (GET, or marked x-qiwi-idempotent in the spec)
/// are ever repeated, and only when repeating can help: a transport failure, a timeout, an HTTP 5xx without
/// a readable result, or a result code the spec marks as not fatal. Never a fatal code, an unknown one, or a
/// cancellation by the caller.
/// </summary>
public static class QiwiRetryRules
{
    /// <summary>Whether <paramref name="exception"/>, thrown by an attempt of <paramref name="request"/>, may be retried.</summary>
    public static bool IsRetryable(QiwiRequest request, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Idempotent)
        {
            return false;
        }

        return exception switch
        {
            QiwiApiException api => api.IsFatal == false,
            QiwiTimeoutException => true,
            QiwiProtocolException protocol => (int)protocol.StatusCode >= 500,
            QiwiTransportException => true,
            _ => false,
        };
    }
}
