using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// The load: every row and column of the file is read and checked (<see cref="DataFileRow"/>, <see cref="JsonFields"/>,
/// <see cref="DataFileRows"/>, <see cref="DataFileContent"/>) before anything is restored, so a file the sandbox did not
/// write as it is fails the start with a <see cref="DataFileException"/> naming the row and the field, and the restore
/// is only ever given what it can take: an exception out of the restore is a fault of the sandbox, not of the file.
/// </summary>
internal sealed partial class SandboxStore
{
    /// <summary>Called with each row (a <see cref="StoredInvoice"/> or <see cref="StoredNotification"/>) as the load hands it to the ledger or the dispatcher (tests inject faults here).</summary>
    internal Action<object>? Restoring { get; set; }

    /// <summary>The file's rows and meta row (format 2), read and checked; nothing restored yet.</summary>
    private (DataFileContent Content, (TimeSpan Offset, int NextId)? Meta) Read(SqliteConnection connection)
    {
        (TimeSpan Offset, int NextId)? meta = null;
        using (var read = Command(connection, null, "SELECT clock_offset_ticks, next_notification_id FROM sandbox_meta WHERE id = 1"))
        using (var row = read.ExecuteReader())
        {
            if (row.Read())
            {
                var at = new DataFileRow(_path!, "sandbox_meta row");
                meta = (TimeSpan.FromTicks(at.Integer(row, 0, 0, JsonFields.MaxClockOffset.Ticks)), (int)at.Integer(row, 1, 0, DataFileRows.MaxNotificationId));
            }
        }

        var content = new DataFileContent();
        using (var read = Command(connection, null, "SELECT rowid, shop_id, bill_id, json FROM sandbox_invoice"))
        using (var row = read.ExecuteReader())
        {
            while (row.Read())
            {
                var at = new DataFileRow(_path!, $"sandbox_invoice row {DataFileRow.Describe(row.GetValue(0))}");
                var (shop, bill) = (at.Integer(row, 1, long.MinValue, long.MaxValue), at.Text(row, 2));
                at = at.Named($"{at.Name} (shop_id {shop}, bill_id {DataFileRow.Quote(bill)})");
                var invoice = at.Json(at.Text(row, 3), "json", DataFileRows.Invoice);
                if (invoice.ShopId != shop || !string.Equals(invoice.BillId, bill, StringComparison.Ordinal))
                {
                    throw at.Bad(invoice.ShopId != shop ? "'ShopId'" : "'BillId'",
                        $"is {(invoice.ShopId != shop ? invoice.ShopId : DataFileRow.Quote(invoice.BillId))}, not the row's own key");
                }

                content.Add(at, null, invoice);
            }
        }

        using (var read = Command(connection, null, "SELECT id, json FROM sandbox_notification ORDER BY id"))
        using (var row = read.ExecuteReader())
        {
            while (row.Read())
            {
                var at = new DataFileRow(_path!, $"sandbox_notification row {DataFileRow.Describe(row.GetValue(0))}");
                var id = at.Integer(row, 0, 1, DataFileRows.MaxNotificationId);
                var record = at.Json(at.Text(row, 1), "json", DataFileRows.Notification);
                if (record.Id != id)
                {
                    throw at.Bad("'Id'", $"is {record.Id}, not the row's own id");
                }

                content.Add(at, null, record);
            }
        }

        return (content, meta);
    }

    /// <summary>The state in the earlier format (one JSON row), read and checked, or null when the file has none.</summary>
    private (TimeSpan ClockOffset, int NextId, DataFileContent Content)? ReadLegacy(SqliteConnection connection)
    {
        if (!DataFileFormat.TableExists(connection, "sandbox_state"))
        {
            return null;
        }

        var content = new DataFileContent();
        using var read = Command(connection, null, "SELECT json FROM sandbox_state WHERE id = 1");
        using var row = read.ExecuteReader();
        if (!row.Read())
        {
            return (TimeSpan.Zero, 0, content);
        }

        var at = new DataFileRow(_path!, "sandbox_state row 1");
        var state = at.Json(at.Text(row, 0), "json", DataFileRows.State);
        for (var i = 0; i < state.Invoices.Count; i++)
        {
            content.Add(at, $"'Invoices[{i}]'", state.Invoices[i]);
        }

        for (var i = 0; i < state.Notifications.Count; i++)
        {
            content.Add(at, $"'Notifications[{i}]'", state.Notifications[i]);
        }

        return (state.ClockOffset, state.NextNotificationId, content);
    }

    /// <summary>Hands what was read (and checked) to the clock, the ledger and the dispatcher.</summary>
    private void Restore(DataFileContent content, (TimeSpan Offset, int NextId)? meta)
    {
        if (meta is { } kept)
        {
            clock.Restore(kept.Offset);
        }

        ledger.Import(content.Invoices.Select(Restored));
        WarnOfUncarriedText(content.Invoices);
        if (meta is not null || content.Records.Count > 0)
        {
            dispatcher.Import(content.Records.Select(record => Restored(record).ToRecord()), meta?.NextId ?? 0);
        }
    }

    /// <summary>
    /// One warning for the invoices whose text XML cannot carry (a file written before D-xmltext, which the sandbox now
    /// refuses at creation): their XML answers carry U+FFFD in place of each such character, their JSON answers the text
    /// as stored. The first ten are named, their text escaped (<c>\u0000</c>).
    /// </summary>
    private void WarnOfUncarriedText(List<StoredInvoice> invoices)
    {
        static bool Carried(StoredInvoice i) => Api.XmlCarriedText.CanCarry(i.BillId) && Api.XmlCarriedText.CanCarry(i.User) && Api.XmlCarriedText.CanCarry(i.Currency)
            && Api.XmlCarriedText.CanCarry(i.Comment) && (i.OriginCurrency is null || Api.XmlCarriedText.CanCarry(i.OriginCurrency));
        var held = invoices.Where(static i => !Carried(i)).ToList();
        if (held.Count == 0)
        {
            return;
        }

        var named = string.Join(", ", held.Take(10).Select(static i => $"shop {i.ShopId} bill {DataFileRow.Quote(Escaped(i.BillId))}"))
            + (held.Count > 10 ? $" and {held.Count - 10} more" : string.Empty);
        LogUncarriedText(_logger, held.Count, named);
    }

    /// <summary>Text for a log line: each control character, surrogate, U+FFFE and U+FFFF as <c>\uXXXX</c>.</summary>
    private static string Escaped(string text)
        => string.Concat(text.Select(static c => char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'
            ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)
            : c.ToString()));

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Count} invoices of the data file hold text XML 1.0 cannot carry (written before the rule D-xmltext; the sandbox refuses such text at creation now): {Invoices}. "
        + "Their XML answers carry U+FFFD in place of each such character; their JSON answers carry the text as stored")]
    private static partial void LogUncarriedText(ILogger logger, int count, string invoices);

    private T Restored<T>(T row)
        where T : notnull
    {
        Restoring?.Invoke(row);
        return row;
    }

    /// <summary>The earlier format's single row (read at start-up, then rewritten as rows).</summary>
    internal sealed record StoredState(TimeSpan ClockOffset, List<StoredInvoice> Invoices, List<StoredNotification> Notifications, int NextNotificationId);

    /// <summary>A notification record in the data file (one row; also inside the earlier format's single row).</summary>
    internal sealed record StoredNotification(int Id, long ShopId, string BillId, string Status, Uri Url, List<KeyValuePair<string, string>> Form,
        DateTimeOffset FirstAttemptAt, DateTimeOffset NextAttemptAt, List<NotificationAttempt> Attempts, bool Delivered, bool GaveUp)
    {
        public static StoredNotification From(NotificationRecord r) => new(r.Id, r.ShopId, r.BillId, r.Status, r.Url, r.Form.ToList(), r.FirstAttemptAt, r.NextAttemptAt,
            r.Attempts.ToList(), r.Delivered, r.GaveUp);

        public NotificationRecord ToRecord()
            => NotificationRecord.Restore(Id, ShopId, BillId, Status, Url, Form, FirstAttemptAt, NextAttemptAt, Attempts, Delivered, GaveUp);
    }
}
