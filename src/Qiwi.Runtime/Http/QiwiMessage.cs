namespace Qiwi.Runtime;

/// <summary>One attempt of a request as it passes through the pipeline's policies.</summary>
public sealed class QiwiMessage
{
    internal QiwiMessage(QiwiRequest request, HttpRequestMessage httpRequest, QiwiClientOptions options, int attempt, CancellationToken cancellationToken)
    {
        Request = request;
        Attempt = attempt;
        HttpRequest = httpRequest;
        Options = options;
        CancellationToken = cancellationToken;
    }

    /// <summary>What the generated code asked for.</summary>
    public QiwiRequest Request { get; }

    /// <summary>Which attempt this is, from 1.</summary>
    public int Attempt { get; }

    /// <summary>The HTTP request being sent; policies may add headers.</summary>
    public HttpRequestMessage HttpRequest { get; }

    /// <summary>The client's options.</summary>
    public QiwiClientOptions Options { get; }

    /// <summary>The token the attempt honours; a policy (the timeout) may replace it with a linked one.</summary>
    public CancellationToken CancellationToken { get; set; }
}
