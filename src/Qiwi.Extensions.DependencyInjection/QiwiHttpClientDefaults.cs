using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// Keeps the handlers an app adds to every HttpClient (<c>ConfigureHttpClientDefaults</c>, run before a client's own
/// configuration) out of a QIWI client. .NET Aspire's service defaults add a standard resilience handler there: it
/// repeats failed requests, writes included, beneath the pipeline's retry rules (which repeat a write only after its
/// status read says it did not take effect), and ends an attempt at 10 s whatever the options' Timeout. Handlers added
/// on the builder the registration returns run after this and are kept. The removal is logged once (information).
/// </summary>
internal static partial class QiwiHttpClientDefaults
{
    public static IHttpClientBuilder RemoveAppWideHandlers(this IHttpClientBuilder builder)
    {
        var logged = 0; // the handlers are built again every handler lifetime (2 minutes by default): logged once
        return builder.ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
        {
            if (handlers.Count == 0)
            {
                return;
            }

            var removed = string.Join(", ", handlers.Select(handler => handler.GetType().FullName));
            handlers.Clear();
            if (Interlocked.Exchange(ref logged, 1) == 0 && provider.GetService<ILoggerFactory>() is { } loggers)
            {
                LogRemoved(loggers.CreateLogger("Qiwi.Client." + builder.Name), builder.Name, removed);
            }
        });
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "QIWI client '{Client}': handlers added to every HttpClient (ConfigureHttpClientDefaults) are not used by it: {Handlers}. The client's own retry rules and timeout apply; add a handler it needs on the builder AddQiwiClient returns")]
    private static partial void LogRemoved(ILogger logger, string client, string handlers);
}
