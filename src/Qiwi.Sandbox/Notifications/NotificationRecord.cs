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
        => Restore(Id, ShopId, BillId, Status, Url, Form, FirstAttemptAt, NextAttemptAt, Attempts, Delivered, GaveUp);

    /// <summary>
    /// A record with every field given: the one list of the fields, for <see cref="Snapshot"/> and the data file's
    /// reader alike, so a field added as a parameter here is copied by both (each call stops compiling until it passes
    /// it), and one left out is missed by both, which <c>NotificationRecordCopyTests</c> (every public property, through
    /// both copies) reports.
    /// </summary>
    internal static NotificationRecord Restore(int id, long shopId, string billId, string status, Uri url, IReadOnlyList<KeyValuePair<string, string>> form,
        DateTimeOffset firstAttemptAt, DateTimeOffset nextAttemptAt, IEnumerable<NotificationAttempt> attempts, bool delivered, bool gaveUp)
    {
        var record = new NotificationRecord
        {
            Id = id, ShopId = shopId, BillId = billId, Status = status, Url = url, Form = form, FirstAttemptAt = firstAttemptAt,
            NextAttemptAt = nextAttemptAt, Delivered = delivered, GaveUp = gaveUp,
        };
        record.Attempts.AddRange(attempts);
        return record;
    }
}

/// <summary>One delivery attempt: when, and what the merchant answered.</summary>
public sealed record NotificationAttempt(DateTimeOffset At, int? HttpStatus, int? ResultCode, string? Error);
