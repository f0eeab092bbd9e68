namespace Qiwi.Runtime;

/// <summary>One call as the per-call policies see it.</summary>
public sealed class QiwiCallContext
{
    internal QiwiCallContext(QiwiRequest request, QiwiClientOptions options, CancellationToken cancellationToken)
    {
        Request = request;
        Options = options;
        CancellationToken = cancellationToken;
    }

    /// <summary>What the generated code asked for.</summary>
    public QiwiRequest Request { get; }

    /// <summary>The client's options.</summary>
    public QiwiClientOptions Options { get; }

    /// <summary>The caller's token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>How many attempts have been sent so far.</summary>
    public int AttemptCount { get; internal set; }
}
