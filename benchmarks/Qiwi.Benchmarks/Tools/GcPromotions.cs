using System.Diagnostics.Tracing;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// The bytes each GC promoted out of gen0 and gen1 (the runtime's GCHeapStats event), summed: what a collection
/// had to keep, so what it cost beyond its count. Events arrive on another thread; <see cref="Read"/> waits for them.
/// </summary>
internal sealed class GcPromotions : EventListener
{
    private long _promoted;

    /// <summary>Bytes promoted so far, after letting the events of collections already done arrive.</summary>
    public long Read()
    {
        Thread.Sleep(50);
        return Interlocked.Read(ref _promoted);
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is { } name && name.StartsWith("GCHeapStats", StringComparison.Ordinal) && e.Payload is { } payload && e.PayloadNames is { } names)
        {
            Interlocked.Add(ref _promoted, Convert.ToInt64(payload[names.IndexOf("TotalPromotedSize0")], System.Globalization.CultureInfo.InvariantCulture) + Convert.ToInt64(payload[names.IndexOf("TotalPromotedSize1")], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
