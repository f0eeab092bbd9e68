namespace Qiwi.Samples.Shop.Data;

/// <summary>An order as stored; its id is the QIWI bill id.</summary>
public sealed class OrderRecord
{
    public string Id { get; set; } = "";

    public string Customer { get; set; } = "";

    public string Product { get; set; } = "";

    public string Phone { get; set; } = "";

    public long AmountKopecks { get; set; }

    /// <summary><c>new</c> (invoice not confirmed yet), <c>waiting</c>, a final bill status, or <c>failed</c> (QIWI refused the invoice).</summary>
    public string Status { get; set; } = "";

    /// <summary>A readable note: why the invoice failed, or that its outcome is being checked.</summary>
    public string? Problem { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long UpdatedAt { get; set; }

    public decimal Amount => AmountKopecks / 100m;

    public bool IsOpen => Status is OrderStatus.New or OrderStatus.Waiting;
}

/// <summary>A refund as stored: its id is generated and stored before QIWI is called, so a retry reuses it.</summary>
public sealed class RefundRecord
{
    public string OrderId { get; set; } = "";

    public string RefundId { get; set; } = "";

    public long AmountKopecks { get; set; }

    /// <summary><c>pending</c> (stored, no answer yet), <c>unknown</c> (no clear answer: retried with the same id), <c>processing</c>, <c>success</c>, <c>fail</c>, or <c>refused</c> (QIWI refused it).</summary>
    public string Status { get; set; } = "";

    public string? Problem { get; set; }

    public long CreatedAt { get; set; }

    public decimal Amount => AmountKopecks / 100m;
}

/// <summary>The order statuses: the bill statuses of the docs plus the shop's own <c>new</c> and <c>failed</c>.</summary>
public static class OrderStatus
{
    public const string New = "new";
    public const string Waiting = "waiting";
    public const string Paid = "paid";
    public const string Rejected = "rejected";
    public const string Unpaid = "unpaid";
    public const string Expired = "expired";
    public const string Failed = "failed";

    /// <summary>The bill statuses QIWI may report (the docs' table).</summary>
    public static bool IsBillStatus(string status) => status is Waiting or Paid or Rejected or Unpaid or Expired;
}

/// <summary>The refund statuses: the docs' three plus the shop's own.</summary>
public static class RefundState
{
    public const string Pending = "pending";
    public const string Unknown = "unknown";
    public const string Processing = "processing";
    public const string Success = "success";
    public const string Fail = "fail";
    public const string Refused = "refused";
}
