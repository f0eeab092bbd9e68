namespace Qiwi.Runtime;

/// <summary>
/// The request could not be sent or its response not received (DNS, connection refused or dropped, TLS,
/// or whatever a custom <see cref="HttpMessageHandler"/> threw or failed to return). Whether the server
/// acted on the request is unknown.
/// </summary>
public sealed class QiwiTransportException : QiwiException
{
    /// <summary>Creates the exception.</summary>
    public QiwiTransportException(string? operationId, Exception innerException)
        : this(operationId, innerException, [])
    {
    }

    /// <summary>
    /// Creates the exception; the excerpts of the inner messages have <paramref name="secrets"/> (the client's credentials)
    /// removed too, and an inner exception quoting them is replaced by a <see cref="QiwiRedactedException"/>.
    /// </summary>
    internal QiwiTransportException(string? operationId, Exception innerException, string?[] secrets)
        : base(operationId, $"{operationId} failed in transport: {innerException?.GetType().Name}: {QiwiExcerpt.Of(innerException?.Message, secrets)}", QiwiRedactedException.Of(innerException, secrets))
    {
        RedactInnerMessages(secrets);
    }

    /// <summary>Creates the exception without an inner one (a handler that returned no response).</summary>
    public QiwiTransportException(string? operationId, string reason)
        : base(operationId, $"{operationId} failed in transport: {reason}", null)
    {
    }
}
