namespace Qiwi.Runtime;

/// <summary>Bounds one attempt by the options' timeout, on the options' clock.</summary>
public sealed class TimeoutPolicy : QiwiPipelinePolicy
{
    /// <inheritdoc />
    public override async ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        var timeout = message.Options.Timeout;
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return await next(message).ConfigureAwait(false);
        }

        var callerToken = message.CancellationToken;

        // A caller who cannot cancel needs no link: one source that cancels itself on the options' clock (which
        // takes delays up to about 49 days; a longer one keeps the separate timer, as any clock may take it).
        var linked = callerToken.CanBeCanceled || timeout.TotalMilliseconds > uint.MaxValue - 1;
        using var timeoutSource = linked
            ? CancellationTokenSource.CreateLinkedTokenSource(callerToken)
            : new CancellationTokenSource(timeout, message.Options.TimeProvider);
        using var timer = linked
            ? message.Options.TimeProvider.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), timeoutSource, timeout, System.Threading.Timeout.InfiniteTimeSpan)
            : null;
        message.CancellationToken = timeoutSource.Token;
        try
        {
            return await next(message).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!callerToken.IsCancellationRequested)
        {
            throw new QiwiTimeoutException(message.Request.OperationId, timeout, exception);
        }
        finally
        {
            message.CancellationToken = callerToken;
        }
    }
}
