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
            ? message.Options.TimeProvider.CreateTimer(CancelSource, timeoutSource, timeout, System.Threading.Timeout.InfiniteTimeSpan)
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

    /// <summary>
    /// The timer's callback. Disposing a timer does not stop a callback already on its way to a thread-pool thread, so
    /// it can run after the attempt ended and disposed its source: there is nothing left to cancel then, and an
    /// exception here, on a timer thread, would end the process.
    /// </summary>
    private static void CancelSource(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
