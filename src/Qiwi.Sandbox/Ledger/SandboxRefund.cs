using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Ledger;

/// <summary>A refund of an invoice.</summary>
internal sealed class SandboxRefund
{
    public required string RefundId { get; init; }

    public required decimal Amount { get; init; }

    public required DateTimeOffset SettlesAt { get; init; }

    /// <summary>Set at creation, then only through <see cref="SandboxInvoice.SetRefundStatus"/> (which keeps the invoice's refundable total).</summary>
    public RefundStatus Status { get; set; } = RefundStatus.Processing;

    /// <summary>What it becomes at <see cref="SettlesAt"/> (the shop's <c>RefundOutcome</c>); null: it stays processing.</summary>
    public RefundStatus? SettlesTo { get; init; } = RefundStatus.Success;

    public Refund ToRefund() => new() { RefundId = RefundId, Amount = Amount, Status = Status, Error = ResultCode.Success };
}
