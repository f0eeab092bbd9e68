using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// Reads the data file's JSON rows (an invoice with its refunds, a notification record, the earlier format's single
/// row) field by field, each checked where it is read (<see cref="JsonFields"/>), and what one invoice's fields must
/// keep together: refund ids once each, refunds only of a paid invoice, the refunds that did not fail within its
/// amount. What the restore would otherwise trip on (a duplicate refund id, an unknown status, an instant the
/// ledger's month arithmetic cannot take) is a <see cref="DataFileException"/> here, before anything is restored.
/// </summary>
internal static class DataFileRows
{
    /// <summary>The largest notification id (and next id) a file holds: the dispatcher hands out the next one above it.</summary>
    public const int MaxNotificationId = int.MaxValue - 1;

    public static StoredInvoice Invoice(JsonFields json)
    {
        var amount = json.Amount(nameof(StoredInvoice.Amount));
        var status = json.Listed<BillStatus>(nameof(StoredInvoice.Status), BillStatusExtensions.TryParse);
        var refunds = json.Objects(nameof(StoredInvoice.Refunds), Refund);
        if (refunds.Count > 0 && status != BillStatus.Paid.ToWireValue())
        {
            throw json.Bad(nameof(StoredInvoice.Status), $"is {DataFileRow.Quote(status)}, yet the invoice has refunds (only a paid invoice is refunded)");
        }

        var (ids, left) = (new HashSet<string>(StringComparer.Ordinal), amount);
        for (var i = 0; i < refunds.Count; i++)
        {
            var refund = refunds[i];
            if (!ids.Add(refund.RefundId))
            {
                throw json.Bad($"Refunds[{i}].RefundId", $"is {DataFileRow.Quote(refund.RefundId)}, the id of an earlier refund of this invoice");
            }

            if (refund.Status != RefundStatus.Fail.ToWireValue())
            {
                // Each within what is left: the refunds that did not fail never pass the amount (nor overflow adding up).
                left = refund.Amount <= left ? left - refund.Amount : throw json.Bad($"Refunds[{i}].Amount", "takes the refunds that did not fail past the invoice's amount");
            }
        }

        return new StoredInvoice(json.Int64(nameof(StoredInvoice.ShopId)), json.String(nameof(StoredInvoice.BillId)), json.String(nameof(StoredInvoice.User)), amount,
            json.String(nameof(StoredInvoice.Currency)), json.String(nameof(StoredInvoice.Comment)), json.Instant(nameof(StoredInvoice.ExpiresAt)),
            json.Listed<PaySource>(nameof(StoredInvoice.PaySource), PaySourceExtensions.TryParse), json.OptionalString(nameof(StoredInvoice.MerchantName)),
            json.Instant(nameof(StoredInvoice.IssuedAt)), json.OptionalAmount(nameof(StoredInvoice.OriginAmount)), json.OptionalString(nameof(StoredInvoice.OriginCurrency)),
            status, refunds);
    }

    public static SandboxStore.StoredNotification Notification(JsonFields json) => new(
        json.Int32(nameof(NotificationRecord.Id), 1, MaxNotificationId), json.Int64(nameof(NotificationRecord.ShopId)), json.String(nameof(NotificationRecord.BillId)),
        json.String(nameof(NotificationRecord.Status)), json.Url(nameof(NotificationRecord.Url)), json.Objects(nameof(NotificationRecord.Form), FormField),
        json.Instant(nameof(NotificationRecord.FirstAttemptAt)), json.Instant(nameof(NotificationRecord.NextAttemptAt)), json.Objects(nameof(NotificationRecord.Attempts), Attempt),
        json.Boolean(nameof(NotificationRecord.Delivered)), json.Boolean(nameof(NotificationRecord.GaveUp)));

    /// <summary>The earlier format's single row (its lists checked as a whole by <see cref="DataFileContent"/>).</summary>
    public static SandboxStore.StoredState State(JsonFields json) => new(
        json.ClockOffset(nameof(SandboxStore.StoredState.ClockOffset)), json.Objects(nameof(SandboxStore.StoredState.Invoices), Invoice),
        json.Objects(nameof(SandboxStore.StoredState.Notifications), Notification), json.Int32(nameof(SandboxStore.StoredState.NextNotificationId), 0, MaxNotificationId));

    private static StoredRefund Refund(JsonFields json) => new(
        json.String(nameof(StoredRefund.RefundId)), json.Amount(nameof(StoredRefund.Amount)), json.Instant(nameof(StoredRefund.SettlesAt)),
        json.Listed<RefundStatus>(nameof(StoredRefund.Status), RefundStatusExtensions.TryParse), SettlesTo(json));

    /// <summary>What a refund settles to: success, fail, or null (it stays processing), as the shop's <c>RefundOutcome</c> gives it.</summary>
    private static string? SettlesTo(JsonFields json)
    {
        var outcome = json.OptionalListed<RefundStatus>(nameof(StoredRefund.SettlesTo), RefundStatusExtensions.TryParse);
        return outcome != RefundStatus.Processing.ToWireValue()
            ? outcome
            : throw json.Bad(nameof(StoredRefund.SettlesTo), "is 'processing', which is no outcome (a refund that stays processing settles to null)");
    }

    private static KeyValuePair<string, string> FormField(JsonFields json) => new(json.String("Key"), json.String("Value"));

    private static NotificationAttempt Attempt(JsonFields json) => new(
        json.Instant(nameof(NotificationAttempt.At)), json.OptionalInt32(nameof(NotificationAttempt.HttpStatus), 100, 999),
        json.OptionalInt32(nameof(NotificationAttempt.ResultCode), int.MinValue, int.MaxValue), json.OptionalString(nameof(NotificationAttempt.Error)));
}
