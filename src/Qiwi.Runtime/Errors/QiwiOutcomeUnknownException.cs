namespace Qiwi.Runtime;

/// <summary>
/// A write (create an invoice, refund, cancel) may or may not have taken effect, and the client could not
/// tell: an attempt's outcome was unknown (transport failure, timeout, HTTP 5xx without a result, a
/// temporary result code, a garbled success) and reading the status did not settle it.
/// </summary>
/// <remarks>
/// Never treat this as a failure: do not repeat the operation with a new id. Read the status of the same
/// invoice or refund later, or repeat the call with the <em>same</em> id (the client reads the status
/// before it re-sends anything the docs do not promise to be idempotent). See docs/runtime.md.
/// </remarks>
public sealed class QiwiOutcomeUnknownException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiOutcomeUnknownException(string? operationId, IReadOnlyList<QiwiAttempt> attempts, Exception? statusReadFailure)
        : base(operationId, BuildMessage(operationId, attempts, statusReadFailure), attempts is { Count: > 0 } ? attempts[^1].Error : statusReadFailure)
    {
        Attempts = attempts ?? throw new ArgumentNullException(nameof(attempts));
        StatusReadFailure = statusReadFailure;
    }

    /// <summary>Every attempt of the write, in order, with its error and whether its outcome was known.</summary>
    public IReadOnlyList<QiwiAttempt> Attempts { get; }

    /// <summary>Why reading the status did not settle the outcome (null when there was no status read to make).</summary>
    public Exception? StatusReadFailure { get; }

    private static string BuildMessage(string? operationId, IReadOnlyList<QiwiAttempt> attempts, Exception? statusReadFailure)
    {
        var text = $"The outcome of {operationId} is unknown after {attempts?.Count ?? 0} attempt(s): it may have taken effect. Read its status or retry with the same id; never retry with a new id.";
        return statusReadFailure is null ? text : text + $" The status read failed: {statusReadFailure.GetType().Name}.";
    }
}
