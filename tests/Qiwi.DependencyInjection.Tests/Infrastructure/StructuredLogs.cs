using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Qiwi.DependencyInjection.Tests.Infrastructure;

/// <summary>Records each log as a structured sink sees it: category, text, every state value (array items too), the exception, and scopes.</summary>
internal sealed class StructuredLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private static string Values(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
        ? string.Join("; ", pairs.Select(p => p.Key + "=" + (p.Value is IEnumerable items and not string ? string.Join(",", items.Cast<object?>()) : p.Value)))
        : state?.ToString() ?? string.Empty;

    private sealed class Logger(StructuredLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Records.Enqueue(category + " scope " + Values(state));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Records.Enqueue(category + " " + formatter(state, exception) + " | " + Values(state) + " | " + exception);
    }
}
