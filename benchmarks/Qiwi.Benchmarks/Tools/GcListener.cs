using System.Diagnostics.Tracing;

namespace Qiwi.Benchmarks.Tools;

/// <summary>TEMPORARY: sums the runtime's GC heap stats (bytes promoted out of gen0 and gen1) as GCs happen.</summary>
internal sealed class GcListener : EventListener
{
    public long Promoted0;
    public long Promoted1;
    public long Gcs;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not null && e.EventName.StartsWith("GCHeapStats", StringComparison.Ordinal) && e.Payload is not null)
        {
            var p0 = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("TotalPromotedSize0")]);
            var p1 = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("TotalPromotedSize1")]);
            Interlocked.Add(ref Promoted0, p0);
            Interlocked.Add(ref Promoted1, p1);
            Interlocked.Increment(ref Gcs);
        }
    }
}
