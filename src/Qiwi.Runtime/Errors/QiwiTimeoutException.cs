namespace Qiwi.Runtime;

/// <summary>No response arrived within the configured timeout.</summary>
public sealed class QiwiTimeoutException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiTimeoutException(string? operationId, TimeSpan timeout, Exception? innerException)
        : base(operationId, $"{operationId} got no response within {timeout.TotalSeconds:0.###} s.", innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
