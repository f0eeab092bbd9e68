using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// Counts the HTTP requests this process sends to one sandbox, by path (System.Net.Http's <c>RequestStart</c> event,
/// written on the sending thread before the request leaves): the calls the shop makes to QIWI, whoever made them.
/// </summary>
internal sealed class QiwiCalls : EventListener
{
    private readonly ConcurrentQueue<string> _paths = new();
    private volatile int _port;

    public QiwiCalls(SandboxHost sandbox) => _port = sandbox.BaseUrl.Port;

    /// <summary>Requests for the invoice <paramref name="billId"/> itself (create and status read: refunds have a longer path).</summary>
    public int ForBill(string billId) => _paths.Count(path => path.EndsWith("/bills/" + Uri.EscapeDataString(billId), StringComparison.Ordinal));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Net.Http")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "RequestStart" || eventData.Payload is null || eventData.PayloadNames is null || _port == 0)
        {
            return;
        }

        var port = eventData.Payload[eventData.PayloadNames.IndexOf("port")];
        var path = eventData.Payload[eventData.PayloadNames.IndexOf("pathAndQuery")] as string;
        if (port is int value && value == _port && path is not null)
        {
            var query = path.IndexOf('?', StringComparison.Ordinal);
            _paths.Enqueue(query < 0 ? path : path[..query]);
        }
    }
}
