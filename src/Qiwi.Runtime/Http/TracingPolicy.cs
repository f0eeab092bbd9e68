using System.Diagnostics;

namespace Qiwi.Runtime;

/// <summary>One <see cref="Activity"/> per call (source <see cref="QiwiTelemetry.SourceName"/>), retries and status reads included.</summary>
public sealed class TracingPolicy : QiwiCallPolicy
{
    /// <inheritdoc />
    public override Task<object> SendAsync(QiwiCallContext call, Func<QiwiCallContext, Task<object>> next)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(next);

        // Nobody listens: no activity, and not even its name is built.
        return QiwiTelemetry.Source.HasListeners() ? SendTracedAsync(call, next) : next(call);
    }

    private static async Task<object> SendTracedAsync(QiwiCallContext call, Func<QiwiCallContext, Task<object>> next)
    {
        using var activity = QiwiTelemetry.Source.StartActivity("Qiwi " + call.Request.OperationId, ActivityKind.Client);
        activity?.SetTag("qiwi.operation", call.Request.OperationId);
        activity?.SetTag("http.request.method", call.Request.Method.Method);
        activity?.SetTag("url.path", call.Request.Path);
        try
        {
            var payload = await next(call).ConfigureAwait(false);
            activity?.SetTag("qiwi.attempts", call.AttemptCount);
            return payload;
        }
        catch (OperationCanceledException) when (call.CancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
        catch (QiwiException exception)
        {
            activity?.SetTag("qiwi.attempts", call.AttemptCount);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            if (exception is QiwiApiException api)
            {
                activity?.SetTag("qiwi.result_code", api.ResultCode);
            }

            throw;
        }
    }
}
