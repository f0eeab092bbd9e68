namespace Qiwi.Sandbox.Ledger;

/// <summary>An invoice as GET /sandbox/control/ledger shows it.</summary>
public sealed record LedgerEntry(long ShopId, string BillId, decimal Amount, string Status, IReadOnlyList<LedgerRefundEntry> Refunds);

/// <summary>A refund as GET /sandbox/control/ledger shows it.</summary>
public sealed record LedgerRefundEntry(string RefundId, decimal Amount, string Status);
