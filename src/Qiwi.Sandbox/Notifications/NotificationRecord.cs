namespace Qiwi.Sandbox.Notifications;

/// <summary>One notification and its delivery attempts, as the log shows it.</summary>
public sealed class NotificationRecord
{
    public required int Id { get; init; }

    public required long ShopId { get; init; }

    public required string BillId { get; init; }

    public required string Status { get; init; }

    public required Uri Url { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Form { get; init; }

    public required DateTimeOffset FirstAttemptAt { get; init; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public List<NotificationAttempt> Attempts { get; } = new();

    /// <summary>The merchant answered HTTP 200 with result code 0.</summary>
    public bool Delivered { get; set; }

    /// <summary>50 attempts or 24 hours passed without success.</summary>
    public bool GaveUp { get; set; }

    /// <summary>A copy that later attempts do not change (taken under the dispatcher's lock, read outside it).</summary>
    internal NotificationRecord Snapshot()
    {
        var copy = new NotificationRecord
        {
            Id = Id, ShopId = ShopId, BillId = BillId, Status = Status, Url = Url, Form = Form, FirstAttemptAt = FirstAttemptAt,
            NextAttemptAt = NextAttemptAt, Delivered = Delivered, GaveUp = GaveUp,
        };
        copy.Attempts.AddRange(Attempts);
        return copy;
    }
}

/// <summary>One delivery attempt: when, and what the merchant answered.</summary>
public sealed record NotificationAttempt(DateTimeOffset At, int? HttpStatus, int? ResultCode, string? Error);
