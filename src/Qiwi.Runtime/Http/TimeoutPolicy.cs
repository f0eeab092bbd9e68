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
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        using var timer = message.Options.TimeProvider.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), linked, timeout, System.Threading.Timeout.InfiniteTimeSpan);
        message.CancellationToken = linked.Token;
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
