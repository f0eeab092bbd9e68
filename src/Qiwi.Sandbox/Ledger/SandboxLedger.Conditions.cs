using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Ledger;

/// <summary>The shop's conditions on new invoices and refunds, and read-only views for the dashboard and time travel.</summary>
internal sealed partial class SandboxLedger
{
    /// <summary>The description of 210 for a refund (the code's own says "Invoice not found").</summary>
    public const string RefundNotFound = "Refund not found";

    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    /// <summary>The amounts issued per shop and calendar month (Moscow time), so the monthly limit needs no walk over the invoices.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long Shop, int Year, int Month), decimal> _issuedByMonth = new();

    /// <summary>Every invoice with its refunds, newest first (for the control API and the dashboard).</summary>
    public IReadOnlyList<InvoiceView> Invoices()
    {
        var views = new List<InvoiceView>();
        foreach (var invoice in _invoices.Values)
        {
            lock (invoice)
            {
                Refresh(invoice);
                foreach (var refund in invoice.Refunds.Values)
                {
                    Settle(invoice, refund);
                }

                var bill = invoice.ToBill();
                views.Add(new InvoiceView(invoice.ShopId, invoice.BillId, bill.Status.ToWireValue(), bill.Amount, bill.Currency, bill.OriginAmount, bill.OriginCurrency,
                    invoice.User, invoice.Comment, invoice.PaySource.ToWireValue(), invoice.IssuedAt, invoice.ExpiresAt,
                    invoice.Refunds.Values.Select(r => new RefundView(r.RefundId, r.Amount, r.Status.ToWireValue())).ToList()));
            }
        }

        return views.OrderByDescending(v => v.IssuedAt).ThenBy(v => v.BillId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether the shop takes a new invoice from this payer: the payer (298, 774, 934, 1018) and conversion (1003); and what
    /// the payer's wallet will pay. The monthly limit (700) is <see cref="WithinMonthlyLimit"/>.
    /// </summary>
    private static (ResultCode Refusal, (decimal? Amount, string? Currency) Origin) Admit(ShopSettings settings, string user, decimal amount, string currency)
    {
        var payer = ShopConditions.ForPayer(settings, user);
        if (payer != ResultCode.Success)
        {
            return (payer, default);
        }

        if (ShopConditions.Origin(settings, amount, currency) is not { } origin)
        {
            return (ResultCode.NoConversionRate, default);
        }

        return (ResultCode.Success, origin.Currency == currency ? (null, null) : (origin.Amount, origin.Currency));
    }

    /// <summary>
    /// Whether a new invoice of <paramref name="amount"/> keeps the shop's month within <paramref name="limit"/> (700 otherwise). Called under
    /// the shop's admission lock (see <see cref="Create"/>), so the running total it reads stays so until the invoice is counted.
    /// A create of an id the shop already has issues nothing (it gets that invoice, or 215 when it conflicts), so it is not
    /// held against the limit: a repeat after a lost answer gets its invoice even when the month has turned since or the
    /// limit was lowered (700 is final: the client would report a failure for an invoice that exists).
    /// </summary>
    private bool WithinMonthlyLimit(long shopId, string billId, decimal amount, decimal limit, DateTimeOffset now)
        => _invoices.ContainsKey((shopId, billId))
            || _issuedByMonth.GetValueOrDefault(MonthOf(shopId, now)) + amount <= limit;

    /// <summary>Counts a new invoice in its shop's month (every invoice, limit or not: a limit may be set later).</summary>
    private void CountIssued(SandboxInvoice invoice)
        => _issuedByMonth.AddOrUpdate(MonthOf(invoice.ShopId, invoice.IssuedAt), static (_, amount) => amount, static (_, total, amount) => total + amount, invoice.Amount);

    /// <summary>The shop and calendar month (Moscow time) a moment falls in.</summary>
    private static (long Shop, int Year, int Month) MonthOf(long shopId, DateTimeOffset at)
    {
        var moscow = at.ToOffset(Moscow);
        return (shopId, moscow.Year, moscow.Month);
    }

    /// <summary>What a new refund of the shop settles to (its <c>RefundOutcome</c>): success, fail, or null (stays processing).</summary>
    private RefundStatus? RefundOutcome(long shopId)
        => options.ShopById(shopId)?.Settings.RefundOutcome?.ToLowerInvariant() switch
        {
            "fail" => RefundStatus.Fail,
            "processing" => null,
            _ => RefundStatus.Success,
        };
}

/// <summary>An invoice as the control API lists it.</summary>
internal sealed record InvoiceView(long ShopId, string BillId, string Status, decimal Amount, string Currency, decimal? OriginAmount, string? OriginCurrency,
    string User, string Comment, string PaySource, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, IReadOnlyList<RefundView> Refunds);

/// <summary>A refund as the control API lists it.</summary>
internal sealed record RefundView(string RefundId, decimal Amount, string Status);
