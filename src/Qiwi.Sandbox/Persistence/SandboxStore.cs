using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// The optional data file (<c>Sandbox:DataFile</c>): a SQLite database holding the invoices with their refunds (one row
/// each), the notification log (one row per record) and a meta row (the clock's advance, the next notification id, the
/// format version), so the sandbox and a merchant's app can be restarted independently. Loaded at start-up; saved before the answer to every
/// request that may change state (<see cref="SaveAsync"/>: a group commit, one transaction for every request waiting at
/// once) and after every notification attempt, in one transaction that writes only the invoices and records changed since
/// the last save (the ledger and the dispatcher mark them, <see cref="DirtySet{TKey}"/>), so a save costs what changed,
/// not what is held. A file of the earlier format (the whole state as one JSON row, <c>sandbox_state</c>) is read and
/// rewritten in this one at start-up; a file of a newer format is refused (<see cref="DataFileFormat"/>). Without a data
/// file nothing is written and state lives in memory.
/// </summary>
internal sealed partial class SandboxStore(IOptions<SandboxOptions> options, SandboxLedger ledger, NotificationDispatcher dispatcher, SandboxClock clock, ILogger<SandboxStore>? logger = null)
    : IHostedService, IDisposable
{
    private readonly object _saving = new();
    private readonly ILogger _logger = logger ?? NullLogger<SandboxStore>.Instance;
    private readonly string? _path = options.Value.DataFile is { Length: > 0 } file ? file : null;
    private readonly string? _connectionString = options.Value.DataFile is { Length: > 0 } file
        ? new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()
        : null;
    private GroupCommit? _group;

    // Under _saving: the open connection (reopened after a failed save), whether the file is known to hold the whole
    // state (after a load or a first full save; until then a save writes everything), and the meta row last committed.
    private SqliteConnection? _connection;
    private FileStream? _lock;   // DataFileLock, taken at the first use of the file, held until Dispose
    private Timer? _lockWatch;   // after a start: KeepLock every LockWatchInterval, so a deleted lock file is replaced without waiting for a save
    private DataFileLock.LostException? _lockLost;   // set when the lock file was lost to another sandbox: no save writes again
    private long _dataVersion;   // PRAGMA data_version of _connection when it was opened (moves only with other connections' commits)
    private bool _whole;
    private (TimeSpan Offset, int NextId)? _meta;
    private bool _disposed;

    public bool Enabled => _connectionString is not null;

    /// <summary>The rows the last committed save wrote (as SQLite counts changes): invoice rows, notification rows, meta rows (tests).</summary>
    internal (int Invoices, int Notifications, int Meta) LastSave { get; private set; }

    /// <summary>The rows every committed save of this store wrote together: invoice rows, notification rows (tests).</summary>
    internal (long Invoices, long Notifications) TotalWritten { get; private set; }

    /// <summary>Called inside a save's transaction after its writes and before the commit (tests inject faults here).</summary>
    internal Action? BeforeCommit { get; set; }

    /// <summary>How many group commits (<see cref="SaveAsync"/>) completed (tests).</summary>
    internal long GroupCommits => _group?.Commits ?? 0;

    private GroupCommit Group => LazyInitializer.EnsureInitialized(ref _group, () => new GroupCommit(Save));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            return Task.CompletedTask;
        }

        lock (_saving)
        {
            Track();
            _lock ??= DataFileLock.Acquire(_path!);   // before the file is read: a second sandbox on it is refused here
            try
            {
                DataFileFormat.CheckWhole(_path!);
                Open();
            }
            catch (Exception exception)
            {
                // A failed start holds nothing: the lock and the connection are let go, so the file can be started on again.
                Release();

                // What means the file cannot be read (a damaged page, not a database, a row or field the load's own checks
                // refused) or cannot be reached (locked, read-only, full): a start error naming the file, which tells the two
                // apart (DataFileFault). Nothing else: an exception of another type out of the load is a fault of the
                // sandbox's own code and surfaces as itself, not as "your file is damaged".
                if (exception is SqliteException or JsonException or DataFileException)
                {
                    throw DataFileFault.AtStart(_path!, exception);
                }

                throw;
            }
        }

        dispatcher.Delivered += SaveAfterAttempts;
        if (LockWatchInterval != Timeout.InfiniteTimeSpan)
        {
            _lockWatch = new Timer(static store => ((SandboxStore)store!).WatchLock(), this, LockWatchInterval, LockWatchInterval);
        }

        return Task.CompletedTask;
    }

    /// <summary>Opens the file (its format checked) and loads it (under _saving).</summary>
    private void Open()
    {
        var connection = Connection();
        if (ReadLegacy(connection) is { } legacy)
        {
            // The earlier format: loaded, then written whole in this one (dropping the old row) in one transaction.
            Restore(legacy.Content, (legacy.ClockOffset, legacy.NextId));
            SaveLocked(whole: true, dropLegacy: true);
        }
        else
        {
            var (content, meta) = Read(connection);
            Restore(content, meta);   // an import marks nothing dirty: what was loaded is what the file holds
            _meta = meta;
            _whole = true;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        dispatcher.Delivered -= SaveAfterAttempts;
        Save();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lockWatch?.Dispose();
        dispatcher.Delivered -= SaveAfterAttempts;
        lock (_saving)
        {
            _disposed = true;
            Release();
        }
    }

    /// <summary>Closes the connection and lets the file's lock go (under _saving).</summary>
    private void Release()
    {
        _connection?.Dispose();
        _connection = null;
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>
    /// Completes once a save that includes every change made before this call has been committed (faults, and the next
    /// save carries the changes, when that save fails); concurrent calls share one transaction. A request's answer waits
    /// for this. Completed at once without a data file.
    /// </summary>
    public Task SaveAsync() => _connectionString is null ? Task.CompletedTask : Group.WaitAsync();

    /// <summary>Writes what changed since the last save (everything at a store's first save without a load), now, on this thread; no effect without a data file.</summary>
    public void Save()
    {
        if (_connectionString is null)
        {
            return;
        }

        // Held for the whole save: a request whose change another save took waits here until that save committed.
        lock (_saving)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SaveLocked(whole: !_whole, dropLegacy: false);
        }
    }

    /// <summary>
    /// The save after a tick that made notification attempts. When it fails, its keys stay marked for the next save (a
    /// request's, the next tick's, the stop's) and the failure is logged: it does not fail the tick, so the dispatcher's
    /// wake-up is still set and a clock advance still goes through every attempt due on the way (the advance request's own
    /// save then tells its caller whether the file holds the result).
    /// </summary>
    private void SaveAfterAttempts()
    {
        try
        {
            Save();
        }
        catch (Exception exception) when (exception is not ObjectDisposedException)
        {
            LogSaveFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The data file could not be saved after notification attempts; the next save writes what changed")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception);

    /// <summary>From here on the ledger and the dispatcher keep what changes; a whole save or a load covers what came before.</summary>
    private void Track()
    {
        ledger.Changed.Track();
        dispatcher.Changed.Track();
    }

    private void SaveLocked(bool whole, bool dropLegacy)
    {
        if (whole)
        {
            Track();   // before the keys are taken and the state read, so no change falls between the two
        }

        var invoiceKeys = ledger.Changed.Take();
        var recordIds = dispatcher.Changed.Take();
        try
        {
            // Read after the keys were taken: each is as it is now; a change from here on is marked for the next save.
            var invoices = whole ? ledger.Export() : ledger.Export(invoiceKeys);
            var (records, nextId) = whole ? dispatcher.Export() : dispatcher.Export(recordIds);
            var meta = (clock.Offset, nextId);
            KeepLock();
            var connection = Connection();
            var (invoiceRows, recordRows, metaRows) = (0, 0, 0);
            using var transaction = connection.BeginTransaction();
            using (var write = Command(connection, transaction, "INSERT INTO sandbox_invoice (shop_id, bill_id, json) VALUES ($shop, $bill, $json) ON CONFLICT (shop_id, bill_id) DO UPDATE SET json = excluded.json"))
            {
                var (shop, bill, json) = (write.Parameters.Add("$shop", SqliteType.Integer), write.Parameters.Add("$bill", SqliteType.Text), write.Parameters.Add("$json", SqliteType.Text));
                foreach (var invoice in invoices)
                {
                    (shop.Value, bill.Value, json.Value) = (invoice.ShopId, invoice.BillId, JsonSerializer.Serialize(invoice));
                    invoiceRows += write.ExecuteNonQuery();
                }
            }

            using (var write = Command(connection, transaction, "INSERT INTO sandbox_notification (id, json) VALUES ($id, $json) ON CONFLICT (id) DO UPDATE SET json = excluded.json"))
            {
                var (id, json) = (write.Parameters.Add("$id", SqliteType.Integer), write.Parameters.Add("$json", SqliteType.Text));
                foreach (var record in records)
                {
                    (id.Value, json.Value) = (record.Id, JsonSerializer.Serialize(StoredNotification.From(record)));
                    recordRows += write.ExecuteNonQuery();
                }
            }

            if (_meta != meta)
            {
                using var write = Command(connection, transaction, "INSERT INTO sandbox_meta (id, clock_offset_ticks, next_notification_id, format_version) VALUES (1, $offset, $next, $format) ON CONFLICT (id) DO UPDATE SET clock_offset_ticks = excluded.clock_offset_ticks, next_notification_id = excluded.next_notification_id, format_version = excluded.format_version");
                write.Parameters.AddWithValue("$offset", meta.Offset.Ticks);
                write.Parameters.AddWithValue("$next", meta.nextId);
                write.Parameters.AddWithValue("$format", DataFileFormat.Current);
                metaRows = write.ExecuteNonQuery();
            }

            if (dropLegacy)
            {
                using var drop = Command(connection, transaction, "DROP TABLE sandbox_state");
                drop.ExecuteNonQuery();
            }

            BeforeCommit?.Invoke();
            transaction.Commit();
            _meta = meta;
            _whole = true;
            LastSave = (invoiceRows, recordRows, metaRows);
            TotalWritten = (TotalWritten.Invoices + invoiceRows, TotalWritten.Notifications + recordRows);
        }
        catch
        {
            // Nothing of this save is in the file: its keys are marked again, and the connection is opened afresh next time.
            ledger.Changed.Return(invoiceKeys);
            dispatcher.Changed.Return(recordIds);
            _connection?.Dispose();
            _connection = null;
            throw;
        }
    }

    /// <summary>
    /// Before a save writes (under _saving): the lock file held is still the one its path names, or it is taken again (it
    /// was deleted or replaced while the sandbox ran, and a second sandbox could then lock the new file and start on the
    /// data file); when a second sandbox has done so, the save fails saying so, and this sandbox never writes the file again.
    /// </summary>
    private void KeepLock()
    {
        if (_lockLost is not null)
        {
            throw DataFileLock.Lost(_path!, _lockLost);
        }

        if (_lock is null || DataFileLock.StillNamed(_lock, _path!))
        {
            return;
        }

        try
        {
            // Taken again only when nobody else wrote the file meanwhile (SQLite's data_version, on this connection, moves
            // with every commit of another connection): a sandbox that started, wrote and stopped in between has left
            // rows this one never saw, and its next save of those invoices would drop them.
            if (_connection is null || ReadDataVersion(_connection) != _dataVersion)
            {
                throw DataFileLock.Lost(_path!, null);
            }

            var renewed = DataFileLock.Reacquire(_path!);
            _lock.Dispose();
            _lock = renewed;
            LogLockRenewed(_logger, DataFileLock.PathFor(_path!));
        }
        catch (DataFileLock.LostException exception)
        {
            _lockLost = exception;   // for good: this sandbox never writes the file again
            throw;
        }
    }

    /// <summary>How often a started store checks its lock file between saves (real time: the sandbox clock may stand still); tests set it infinite to see what saves alone do.</summary>
    internal TimeSpan LockWatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The timer's check: <see cref="KeepLock"/> between saves, so a deleted lock file is locked again within a second
    /// and a sandbox started after that is refused. Never throws (an exception on a timer thread ends the process): a
    /// lock lost to another sandbox is logged once; the next save fails with it.
    /// </summary>
    private void WatchLock()
    {
        try
        {
            lock (_saving)
            {
                if (_disposed || _lock is null || _lockLost is not null)
                {
                    return;
                }

                KeepLock();
            }
        }
        catch (Exception exception)
        {
            LogLockWatchFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The data file's lock could not be kept")]
    private static partial void LogLockWatchFailed(ILogger logger, Exception exception);

    private static long ReadDataVersion(SqliteConnection connection)
    {
        using var read = Command(connection, null, "PRAGMA data_version");
        return (long)read.ExecuteScalar()!;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The data file's lock file {LockFile} was deleted or replaced while the sandbox ran; it is locked again")]
    private static partial void LogLockRenewed(ILogger logger, string lockFile);

    private SqliteConnection Connection()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        _lock ??= DataFileLock.Acquire(_path!);   // a store that saves without a start locks the file too
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            DataFileFormat.Prepare(connection, _path!);   // refuses a newer format before writing anything
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _dataVersion = ReadDataVersion(connection);
        _connection = connection;
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
