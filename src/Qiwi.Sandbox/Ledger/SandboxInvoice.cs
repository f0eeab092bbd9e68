using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Ledger;

/// <summary>An invoice as the sandbox keeps it. Mutated only under its own lock (see <see cref="SandboxLedger"/>).</summary>
internal sealed class SandboxInvoice
{
    public required long ShopId { get; init; }

    public required string BillId { get; init; }

    public required string User { get; init; }

    public required decimal Amount { get; init; }

    public required string Currency { get; init; }

    public required string Comment { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required PaySource PaySource { get; init; }

    public string? MerchantName { get; init; }

    /// <summary>When it was issued (the monthly limit counts from this).</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>What the payer's wallet pays (converted when the shop's wallet currency differs); null: the invoice's own amount.</summary>
    public decimal? OriginAmount { get; init; }

    /// <summary>The currency of <see cref="OriginAmount"/>; null: the invoice's currency.</summary>
    public string? OriginCurrency { get; init; }

    public BillStatus Status { get; set; } = BillStatus.Waiting;

    private readonly Dictionary<string, SandboxRefund> _refunds = new(StringComparer.Ordinal);

    /// <summary>The sum of every refund that did not fail, kept as refunds are added and change status.</summary>
    private decimal _refunded;

    /// <summary>The refunds by id. Add with <see cref="AddRefund"/> and change a status with <see cref="SetRefundStatus"/> only, so <see cref="Refundable"/> stays right.</summary>
    public IReadOnlyDictionary<string, SandboxRefund> Refunds => _refunds;

    /// <summary>Whether a create with these values repeats this invoice (same result) or conflicts with it (215).</summary>
    public bool SameAs(string user, decimal amount, string currency, string comment, PaySource paySource)
        => User == user && Amount == amount && Currency == currency && Comment == comment && PaySource == paySource;

    /// <summary>What is left to refund: the amount less every refund that did not fail (a running total, not a sum over the refunds).</summary>
    public decimal Refundable => Amount - _refunded;

    /// <summary>Adds a refund (its id must be new).</summary>
    public void AddRefund(SandboxRefund refund)
    {
        _refunds.Add(refund.RefundId, refund);
        if (refund.Status != RefundStatus.Fail)
        {
            _refunded += refund.Amount;
        }
    }

    /// <summary>Moves one of this invoice's refunds to <paramref name="status"/>; a failed refund's amount is refundable again.</summary>
    public void SetRefundStatus(SandboxRefund refund, RefundStatus status)
    {
        if ((refund.Status == RefundStatus.Fail) != (status == RefundStatus.Fail))
        {
            _refunded += status == RefundStatus.Fail ? -refund.Amount : refund.Amount;
        }

        refund.Status = status;
    }

    public Bill ToBill() => new()
    {
        BillId = BillId,
        Amount = Amount,
        Currency = Currency,
        OriginAmount = Status == BillStatus.Paid ? OriginAmount ?? Amount : null,
        OriginCurrency = Status == BillStatus.Paid ? OriginCurrency ?? Currency : null,
        Status = Status,
        Error = ResultCode.Success,
        User = User,
        Comment = Comment,
    };
}
