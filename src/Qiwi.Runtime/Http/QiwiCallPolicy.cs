namespace Qiwi.Runtime;

/// <summary>
/// A step every call passes through once, around all its attempts and status reads (tracing, for one).
/// Per-retry steps are <see cref="QiwiPipelinePolicy"/>.
/// </summary>
public abstract class QiwiCallPolicy
{
    /// <summary>Does this policy's work around <paramref name="next"/>, which runs the rest of the call and returns its payload.</summary>
    public abstract Task<object> SendAsync(QiwiCallContext call, Func<QiwiCallContext, Task<object>> next);
}
