namespace Qiwi.Runtime;

/// <summary>
/// Which failures may be repeated and which leave a write's outcome unknown. A repeat can help after a
/// transport failure, a timeout, an HTTP 5xx without a readable result, or a result code the spec marks as
/// not fatal; never after a fatal code, an unknown one, or a cancellation by the caller. Idempotent requests
/// (GET, or <c>x-qiwi-idempotent</c> in the spec) are repeated as they are; other writes only after their
/// status read says they did not take effect (see <see cref="QiwiOutcomeRead{TPayload}"/>).
/// </summary>
public static class QiwiRetryRules
{
    /// <summary>Whether <paramref name="exception"/>, thrown by an attempt of <paramref name="request"/>, may be repeated blindly (idempotent requests only).</summary>
    public static bool IsRetryable(QiwiRequest request, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Idempotent && MayHelp(exception);
    }

    /// <summary>Whether repeating could end differently after <paramref name="exception"/>.</summary>
    public static bool MayHelp(Exception exception) => exception switch
    {
        QiwiApiException api => api.IsFatal == false,
        QiwiTimeoutException => true,
        QiwiProtocolException protocol => (int)protocol.StatusCode >= 500,
        QiwiTransportException => true,
        _ => false,
    };

    /// <summary>
    /// Whether the failed attempt certainly did not take effect: only a well-formed answer with a fatal (or
    /// undocumented) result code says so. A temporary code (13, 300) does not: a server may say "busy" about
    /// a request it has already carried out.
    /// </summary>
    public static bool IsOutcomeKnown(QiwiException exception) => exception is QiwiApiException api && api.IsFatal != false;
}
