namespace Qiwi.Runtime;

/// <summary>The base of every exception a generated client throws for a call that did not succeed.</summary>
public abstract class QiwiException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected QiwiException(string? operationId, string message, Exception? innerException)
        : base(message, innerException)
    {
        OperationId = operationId;
    }

    /// <summary>The spec's operationId of the call.</summary>
    public string? OperationId { get; }
}
