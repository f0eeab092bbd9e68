namespace Qiwi.Runtime;

/// <summary>Sends a message on to the rest of the pipeline.</summary>
/// <param name="message">The message.</param>
public delegate ValueTask<HttpResponseMessage> QiwiNextPolicy(QiwiMessage message);

/// <summary>One small step every request passes through (authorization, Accept, User-Agent, timeout...).</summary>
public abstract class QiwiPipelinePolicy
{
    /// <summary>Does this policy's work and calls <paramref name="next"/>.</summary>
    public abstract ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next);
}
