using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>Logs each attempt: operation, method, path (with the bill id), status and time. Never headers or bodies.</summary>
public sealed partial class QiwiLoggingPolicy : QiwiPipelinePolicy
{
    private readonly ILogger _logger;

    /// <summary>Creates the policy.</summary>
    public QiwiLoggingPolicy(ILogger logger) => _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc />
    public override async ValueTask<HttpResponseMessage> SendAsync(QiwiMessage message, QiwiNextPolicy next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message).ConfigureAwait(false);
            LogAttempt(_logger, message.Request.OperationId, message.Request.Method.Method, message.Request.Path, message.Attempt, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (OperationCanceledException)
        {
            // The attempt's timeout (the timeout policy turns it into a QiwiTimeoutException outside) or the caller.
            LogCancelled(_logger, message.Request.OperationId, message.Request.Method.Method, message.Request.Path, message.Attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception exception)
        {
            LogFailed(_logger, message.Request.OperationId, message.Request.Method.Method, message.Request.Path, message.Attempt, exception.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "QIWI {Operation} {Method} {Path} attempt {Attempt}: HTTP {Status} in {ElapsedMs:0} ms")]
    private static partial void LogAttempt(ILogger logger, string operation, string method, string path, int attempt, int status, double elapsedMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "QIWI {Operation} {Method} {Path} attempt {Attempt} cancelled (its timeout or the caller) after {ElapsedMs:0} ms")]
    private static partial void LogCancelled(ILogger logger, string operation, string method, string path, int attempt, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "QIWI {Operation} {Method} {Path} attempt {Attempt} failed: {Error} after {ElapsedMs:0} ms")]
    private static partial void LogFailed(ILogger logger, string operation, string method, string path, int attempt, string error, double elapsedMs);
}
