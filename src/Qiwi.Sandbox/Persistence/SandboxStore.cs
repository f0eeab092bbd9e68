using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// The optional data file (<c>Sandbox:DataFile</c>): a SQLite database holding the invoices with their refunds,
/// the notification log and the clock's advance, so the sandbox and a merchant's app can be restarted independently.
/// Loaded at start-up; saved, whole and in one transaction, after every request that may change state and after
/// every notification attempt. Without a data file nothing is written and state lives in memory.
/// </summary>
internal sealed class SandboxStore(IOptions<SandboxOptions> options, SandboxLedger ledger, NotificationDispatcher dispatcher, SandboxClock clock) : IHostedService
{
    private readonly object _saving = new();
    private readonly string? _connectionString = options.Value.DataFile is { Length: > 0 } file
        ? new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()
        : null;

    public bool Enabled => _connectionString is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            return Task.CompletedTask;
        }

        using var connection = Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT json FROM sandbox_state WHERE id = 1";
        if (read.ExecuteScalar() is string json && JsonSerializer.Deserialize<StoredState>(json) is { } state)
        {
            clock.Restore(state.ClockOffset);
            ledger.Import(state.Invoices);
            dispatcher.Import(state.Notifications.Select(n => n.ToRecord()), state.NextNotificationId);
        }

        dispatcher.Delivered += Save;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        dispatcher.Delivered -= Save;
        Save();
        return Task.CompletedTask;
    }

    /// <summary>Writes the whole state (no effect without a data file).</summary>
    public void Save()
    {
        if (_connectionString is null)
        {
            return;
        }

        lock (_saving)
        {
            var (records, nextId) = dispatcher.Export();
            var json = JsonSerializer.Serialize(new StoredState(clock.Offset, ledger.Export(), records.Select(StoredNotification.From).ToList(), nextId));
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "INSERT INTO sandbox_state (id, json) VALUES (1, $json) ON CONFLICT (id) DO UPDATE SET json = excluded.json";
            write.Parameters.AddWithValue("$json", json);
            write.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS sandbox_state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)";
        create.ExecuteNonQuery();
        return connection;
    }

    private sealed record StoredState(TimeSpan ClockOffset, List<StoredInvoice> Invoices, List<StoredNotification> Notifications, int NextNotificationId);

    private sealed record StoredNotification(int Id, long ShopId, string BillId, string Status, Uri Url, List<KeyValuePair<string, string>> Form,
        DateTimeOffset FirstAttemptAt, DateTimeOffset NextAttemptAt, List<NotificationAttempt> Attempts, bool Delivered, bool GaveUp)
    {
        public static StoredNotification From(NotificationRecord r) => new(r.Id, r.ShopId, r.BillId, r.Status, r.Url, r.Form.ToList(), r.FirstAttemptAt, r.NextAttemptAt,
            r.Attempts.ToList(), r.Delivered, r.GaveUp);

        public NotificationRecord ToRecord()
            => NotificationRecord.Restore(Id, ShopId, BillId, Status, Url, Form, FirstAttemptAt, NextAttemptAt, Attempts, Delivered, GaveUp);
    }
}
