using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>
/// The reads of an order's status the payer's return pages (<c>/success</c>, <c>/fail</c>) make: at most one QIWI call per
/// order per <see cref="ShopOptions.ReturnRefreshInterval"/> on this node, however often the page is loaded. Loads while a
/// call is in flight wait for that one call; later loads in the window read no more from QIWI. Each page is then drawn
/// from the database as it is at that moment, so it never shows a status older than what the shop knows: a
/// notification or reconciliation applied since shows at once; only "not confirmed yet" can outlive a payment, by at
/// most the interval (and only when its notification is late).
/// </summary>
public sealed partial class ReturnRefresh(Checkout checkout, IOptions<ShopOptions> options, IHostApplicationLifetime lifetime, ILogger<ReturnRefresh> logger)
{
    /// <summary>Above this many remembered orders, those whose window has passed are forgotten.</summary>
    private const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Reads the order's status from QIWI unless a read of it started within the interval; waits for the read in flight.</summary>
    public async Task RefreshAsync(string orderId, CancellationToken cancellationToken)
    {
        var interval = (long)options.Value.ReturnRefreshInterval.TotalMilliseconds;
        var now = Environment.TickCount64;
        // The factories may run more than once under contention; only the slot stored starts its call (Lazy, on first Value).
        var slot = _slots.AddOrUpdate(orderId, _ => NewSlot(orderId, now), (_, old) => old.IsOver(now, interval) ? NewSlot(orderId, now) : old);
        if (_slots.Count > PruneAbove)
        {
            Prune(now, interval);
        }

        try
        {
            await slot.Call.Value.WaitAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The page is drawn from the database all the same; the next window reads again.
            LogRefreshFailed(logger, orderId, error);
        }
    }

    private Slot NewSlot(string orderId, long now)
        => new(now, new Lazy<Task>(() => checkout.RefreshAsync(orderId, "return", lifetime.ApplicationStopping), LazyThreadSafetyMode.ExecutionAndPublication));

    private void Prune(long now, long interval)
    {
        foreach (var (id, slot) in _slots)
        {
            if (slot.IsOver(now, interval))
            {
                _slots.TryRemove(new KeyValuePair<string, Slot>(id, slot));
            }
        }
    }

    /// <summary>One window of one order: when it started, and its call (started by the first load that reads it).</summary>
    private sealed record Slot(long StartedAt, Lazy<Task> Call)
    {
        /// <summary>The window has passed and its call is done: a new read may start.</summary>
        public bool IsOver(long now, long interval) => now - StartedAt >= interval && Call.IsValueCreated && Call.Value.IsCompleted;
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Reading the status of order {OrderId} for the payer's return failed; the page shows what the shop knows.")]
    private static partial void LogRefreshFailed(ILogger logger, string orderId, Exception error);
}
