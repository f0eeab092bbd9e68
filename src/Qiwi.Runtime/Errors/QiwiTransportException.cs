namespace Qiwi.Runtime;

/// <summary>The request could not be sent or its response not received (DNS, connection refused or dropped, TLS).</summary>
public sealed class QiwiTransportException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiTransportException(string? operationId, Exception innerException)
        : base(operationId, $"{operationId} failed in transport: {innerException.Message}", innerException)
    {
    }
}
