using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Ledger;

/// <summary>The ledger's state as plain records, for the data file (<see cref="Persistence.SandboxStore"/>).</summary>
internal sealed partial class SandboxLedger
{
    /// <summary>The invoices changed since the data file's last save (each marked once its change is made: under its lock, or once it is entered).</summary>
    public Persistence.DirtySet<(long Shop, string Bill)> Changed { get; } = new();

    /// <summary>A copy of every invoice and refund, each read under its invoice's lock.</summary>
    public List<StoredInvoice> Export() => _invoices.Values.Select(Store).ToList();

    /// <summary>A copy of the invoices with these keys as they are now (each under its lock); the data file's incremental save.</summary>
    public List<StoredInvoice> Export(IEnumerable<(long Shop, string Bill)> keys)
    {
        var stored = new List<StoredInvoice>();
        foreach (var key in keys)
        {
            if (_invoices.TryGetValue(key, out var invoice))
            {
                stored.Add(Store(invoice));
            }
        }

        return stored;
    }

    private static StoredInvoice Store(SandboxInvoice invoice)
    {
        lock (invoice)
        {
            return new StoredInvoice(invoice.ShopId, invoice.BillId, invoice.User, invoice.Amount, invoice.Currency, invoice.Comment, invoice.ExpiresAt,
                invoice.PaySource.ToWireValue(), invoice.MerchantName, invoice.IssuedAt, invoice.OriginAmount, invoice.OriginCurrency, invoice.Status.ToWireValue(),
                invoice.Refunds.Values.Select(r => new StoredRefund(r.RefundId, r.Amount, r.SettlesAt, r.Status.ToWireValue(), r.SettlesTo?.ToWireValue())).ToList());
        }
    }

    /// <summary>Adds the invoices kept in the data file (at start-up, before any request).</summary>
    public void Import(IEnumerable<StoredInvoice> invoices)
    {
        foreach (var s in invoices)
        {
            var invoice = new SandboxInvoice
            {
                ShopId = s.ShopId, BillId = s.BillId, User = s.User, Amount = s.Amount, Currency = s.Currency, Comment = s.Comment, ExpiresAt = s.ExpiresAt,
                PaySource = PaySourceExtensions.FromWireValue(s.PaySource), MerchantName = s.MerchantName, IssuedAt = s.IssuedAt,
                OriginAmount = s.OriginAmount, OriginCurrency = s.OriginCurrency, Status = BillStatusExtensions.FromWireValue(s.Status),
            };
            foreach (var r in s.Refunds)
            {
                invoice.AddRefund(new SandboxRefund
                {
                    RefundId = r.RefundId, Amount = r.Amount, SettlesAt = r.SettlesAt, Status = RefundStatusExtensions.FromWireValue(r.Status),
                    SettlesTo = r.SettlesTo is null ? null : RefundStatusExtensions.FromWireValue(r.SettlesTo),
                });
            }

            _invoices[(s.ShopId, s.BillId)] = invoice;
            CountIssued(invoice);
            Schedule(invoice);
        }
    }
}

/// <summary>An invoice in the data file.</summary>
internal sealed record StoredInvoice(long ShopId, string BillId, string User, decimal Amount, string Currency, string Comment, DateTimeOffset ExpiresAt,
    string PaySource, string? MerchantName, DateTimeOffset IssuedAt, decimal? OriginAmount, string? OriginCurrency, string Status, List<StoredRefund> Refunds);

/// <summary>A refund in the data file.</summary>
internal sealed record StoredRefund(string RefundId, decimal Amount, DateTimeOffset SettlesAt, string Status, string? SettlesTo);
