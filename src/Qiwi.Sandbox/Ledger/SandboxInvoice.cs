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

    public Dictionary<string, SandboxRefund> Refunds { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a create with these values repeats this invoice (same result) or conflicts with it (215).</summary>
    public bool SameAs(string user, decimal amount, string currency, string comment, PaySource paySource)
        => User == user && Amount == amount && Currency == currency && Comment == comment && PaySource == paySource;

    /// <summary>What is left to refund: the amount less every refund that did not fail.</summary>
    public decimal Refundable => Amount - Refunds.Values.Where(r => r.Status != RefundStatus.Fail).Sum(r => r.Amount);

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
