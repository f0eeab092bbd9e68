using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Ledger;

/// <summary>
/// Expiry in proportion to what is due: every invoice enters a min-heap on its expiry instant when it is created (or
/// loaded from the data file), so the sweep and time travel look only at the earliest ones, not at every invoice. An
/// invoice that reached a final status otherwise leaves the heap when it comes to the top (a final status never
/// changes, so it can never be due again). Lock order: the heap, then an invoice; nothing holds an invoice's lock
/// while it takes the heap's.
/// </summary>
internal sealed partial class SandboxLedger
{
    private readonly PriorityQueue<SandboxInvoice, DateTimeOffset> _expiries = new();

    /// <summary>Expires every waiting invoice whose time has come (the notification sweep and time travel call this).</summary>
    public void ExpireDue()
    {
        var now = time.GetUtcNow();
        while (true)
        {
            SandboxInvoice invoice;
            lock (_expiries)
            {
                if (!_expiries.TryPeek(out invoice!, out var at) || at > now)
                {
                    return;
                }

                _expiries.Dequeue();
            }

            lock (invoice)
            {
                Refresh(invoice);
            }
        }
    }

    /// <summary>The earliest moment a waiting invoice expires, or null.</summary>
    public DateTimeOffset? NextExpiry()
    {
        lock (_expiries)
        {
            while (_expiries.TryPeek(out var invoice, out var at))
            {
                lock (invoice)
                {
                    if (invoice.Status == BillStatus.Waiting)
                    {
                        return at;
                    }
                }

                _expiries.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Enters a new invoice in the heap (after it is in the ledger, so the sweep never sees one that is not).</summary>
    private void Schedule(SandboxInvoice invoice)
    {
        lock (_expiries)
        {
            _expiries.Enqueue(invoice, invoice.ExpiresAt);
        }
    }
}
