using System.Diagnostics;

namespace Qiwi.Runtime;

/// <summary>The <see cref="ActivitySource"/> every call is traced with: one activity per call, retries included.</summary>
public static class QiwiTelemetry
{
    /// <summary>The name to listen to (<c>Qiwi.Runtime</c>).</summary>
    public const string SourceName = "Qiwi.Runtime";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(QiwiTelemetry).Assembly.GetName().Version?.ToString());
}
