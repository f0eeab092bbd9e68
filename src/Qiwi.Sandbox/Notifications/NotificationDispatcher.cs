using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Sandbox.Contract;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Notifications;

/// <summary>
/// Posts every final status to the shop's notification URL as QIWI does: the form of the generated
/// <see cref="BillNotification"/> model, Basic authorization (Shop ID, notification password) or the
/// <c>X-Api-Signature</c> signature, and repeats until the merchant answers HTTP 200 with result code 0, on
/// <see cref="NotificationSchedule"/>. Each repeat is made at its due time on the sandbox's clock: a timer wakes the
/// dispatcher at the earliest due attempt (and a one-second sweep expires invoices), and advancing the clock
/// (<see cref="Control.TimeTravel"/>) delivers everything due on the way, each at its own moment.
/// </summary>
internal sealed partial class NotificationDispatcher : IHostedService, IDisposable
{
    private readonly SandboxLedger _ledger;
    private readonly SandboxOptions _options;
    private readonly Hosting.SandboxClock _time;
    private readonly HttpClient _http;
    private readonly ILogger<NotificationDispatcher> _logger;
    // Every record, in ascending id order (ids are handed out in order and records only appended), so a record is found
    // by id with a binary search (the data file's incremental save); no second index by id to keep in step.
    private readonly List<NotificationRecord> _records = new();

    // The records neither delivered nor given up (under the _records lock): what a tick looks at, so its cost
    // follows what is pending, not every notification ever sent.
    private readonly List<NotificationRecord> _pending = new();
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private ITimer? _timer;
    private ITimer? _wake;
    private int _passRequested;   // 1: a tick was asked for since the last pass began
    private int _nextId;

    public NotificationDispatcher(SandboxLedger ledger, IOptions<SandboxOptions> options, Hosting.SandboxClock time, IHttpClientFactory httpClientFactory, ILogger<NotificationDispatcher> logger)
    {
        _ledger = ledger;
        _options = options.Value;
        _time = time;
        _http = httpClientFactory.CreateClient(nameof(NotificationDispatcher));
        _logger = logger;
        _ledger.Finalized += Enqueue;
    }

    /// <summary>A copy of the log, oldest first.</summary>
    public IReadOnlyList<NotificationRecord> Log => Export().Records;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(_ => _ = TickAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _wake = _time.CreateTimer(_ => _ = TickAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _wake?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _ledger.Finalized -= Enqueue;
        _timer?.Dispose();
        _wake?.Dispose();
        _delivering.Dispose();
    }

    /// <summary>Raised after a tick that made attempts (the data file saves then).</summary>
    public event Action? Delivered;

    /// <summary>The log for the data file.</summary>
    public (IReadOnlyList<NotificationRecord> Records, int NextId) Export()
    {
        lock (_records)
        {
            // Copies of the records, not the records: an attempt in progress changes them under this lock, and
            // the log and the data file read them outside it.
            return (_records.ConvertAll(record => record.Snapshot()), _nextId);
        }
    }

    /// <summary>The records changed since the data file's last save (marked under the _records lock, after each change).</summary>
    public Persistence.DirtySet<int> Changed { get; } = new();

    /// <summary>Copies of the records with these ids as they are now, and the next id; the data file's incremental save.</summary>
    public (List<NotificationRecord> Records, int NextId) Export(IEnumerable<int> ids)
    {
        lock (_records)
        {
            var copies = new List<NotificationRecord>();
            foreach (var id in ids)
            {
                if (IndexOf(id) is var at and >= 0)
                {
                    copies.Add(_records[at].Snapshot());
                }
            }

            return (copies, _nextId);
        }
    }

    /// <summary>Where the record with this id is in <see cref="_records"/> (under its lock), or a negative number when none is.</summary>
    private int IndexOf(int id)
    {
        var (low, high) = (0, _records.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var at = _records[middle].Id;
            if (at == id)
            {
                return middle;
            }

            (low, high) = at < id ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }

    /// <summary>Replaces the log with one kept in the data file; pending attempts resume at their due times.</summary>
    /// <exception cref="ArgumentException">Two records have the same id (a hand-edited file): the log is searched by id, so one of them could not be found; nothing is imported.</exception>
    public void Import(IEnumerable<NotificationRecord> records, int nextId)
    {
        var sorted = records.ToList();
        sorted.Sort(static (a, b) => a.Id.CompareTo(b.Id));   // the file's rows come in id order; sorted whatever the source
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Id == sorted[i - 1].Id)
            {
                throw new ArgumentException($"The notification log holds two records with id {sorted[i].Id}.", nameof(records));
            }
        }

        lock (_records)
        {
            _records.Clear();
            _records.AddRange(sorted);

            _pending.Clear();
            _pending.AddRange(_records.Where(r => !r.Delivered && !r.GaveUp));
            _nextId = Math.Max(nextId, _records.Select(r => r.Id).DefaultIfEmpty().Max());
        }

        _ = Task.Run(() => TickAsync());
    }

    /// <summary>When the next attempt is due, or null when nothing is pending.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_records)
        {
            DateTimeOffset? next = null;
            foreach (var record in _pending)
            {
                if (next is null || record.NextAttemptAt < next)
                {
                    next = record.NextAttemptAt;
                }
            }

            return next;
        }
    }

    /// <summary>
    /// Expires what is due and delivers what is due now, then sets the wake-up timer for the next due attempt.
    /// The timers call this without waiting (a tick in progress does the work); <paramref name="wait"/> waits for it.
    /// </summary>
    /// <remarks>
    /// Every call asks for a pass first, so none is lost to a tick in progress: that tick makes another pass when asked
    /// during its own, and checks once more after it lets go (a record enqueued just as the tick ended would otherwise
    /// wait for the wake-up timer, which a fake clock fires only when it is moved).
    /// </remarks>
    public async Task TickAsync(bool wait = false)
    {
        Volatile.Write(ref _passRequested, 1);
        while (true)
        {
            if (wait)
            {
                await _delivering.WaitAsync().ConfigureAwait(false);
            }
            else if (!await _delivering.WaitAsync(0).ConfigureAwait(false))
            {
                return;   // the tick in progress sees the request
            }

            try
            {
                while (Interlocked.Exchange(ref _passRequested, 0) == 1)
                {
                    await PassAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _delivering.Release();
            }

            if (Volatile.Read(ref _passRequested) == 0)
            {
                return;
            }

            wait = false;   // asked between the last pass and the release: take it, unless another tick already has
        }
    }

    private async Task PassAsync()
    {
        _ledger.ExpireDue();
        var now = _time.GetUtcNow();
        List<NotificationRecord> due;
        lock (_records)
        {
            due = _pending.Where(r => r.NextAttemptAt <= now).ToList();
        }

        foreach (var record in due)
        {
            await DeliverAsync(record).ConfigureAwait(false);
        }

        if (due.Count > 0)
        {
            Delivered?.Invoke();
        }

        if (NextDue() is { } next)
        {
            var delay = next - _time.GetUtcNow();
            _wake?.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void Enqueue(Bill bill, long shopId)
    {
        // Read once: the URL and the name come from the same settings, whatever a patch does meanwhile.
        if (_options.ShopById(shopId)?.Settings is not { NotificationUrl: { } url } settings)
        {
            return;
        }

        var notification = new BillNotification
        {
            BillId = bill.BillId,
            Status = bill.Status,
            Error = ResultCode.Success,
            Amount = bill.Amount,
            User = bill.User,
            MerchantName = settings.Name,
            Currency = bill.Currency,
            Comment = bill.Comment ?? string.Empty,
        };
        var now = _time.GetUtcNow();
        lock (_records)
        {
            var record = new NotificationRecord
            {
                Id = ++_nextId,
                ShopId = shopId,
                BillId = bill.BillId,
                Status = bill.Status.ToWireValue(),
                Url = url,
                Form = notification.ToForm(),
                FirstAttemptAt = now,
                NextAttemptAt = now,
            };
            _records.Add(record);   // its id is above every other: the list stays in id order
            _pending.Add(record);
            Changed.Mark(record.Id);
        }

        _ = Task.Run(() => TickAsync());
    }

    private async Task DeliverAsync(NotificationRecord record)
    {
        if (_options.ShopById(record.ShopId) is not { } shop)
        {
            // A record from the data file of a shop since taken out of the configuration: nothing to sign or authorize
            // it with, and nobody to send it for. It is given up at once, with the reason as its attempt, and the
            // tick goes on to the other records (it used to throw here and stop the tick at this record, every tick).
            Settle(record, new NotificationAttempt(_time.GetUtcNow(), null, null, $"shop {record.ShopId} is not configured: the notification is given up"), giveUp: true);
            LogShopGone(_logger, record.BillId, record.ShopId);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, record.Url) { Content = new FormUrlEncodedContent(record.Form) };
        request.Headers.Accept.ParseAdd("text/xml");
        if (shop.Settings.SignNotifications)
        {
            request.Headers.Add(BillNotificationWebhook.Signature.Target, QiwiSignature.Compute(BillNotificationWebhook.Signature, record.Form, shop.NotificationPassword));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(shop.ShopId + ":" + shop.NotificationPassword)));
        }

        var at = _time.GetUtcNow();
        NotificationAttempt attempt;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadReplyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            int? code = null;
            try
            {
                code = body is null ? null : (int)NotificationReply.FromXml(body).ResultCode;
            }
            catch (Exception exception) when (exception is FormatException or System.Xml.XmlException or OverflowException)
            {
                // Not the reply the docs describe (a result code past int is an OverflowException: escaping here, it
                // stopped every tick at this record, so no notification after it was sent again).
            }

            attempt = new NotificationAttempt(at, (int)response.StatusCode, code, code is not null ? null
                : body is null ? $"the reply is longer than {MaxReplyBytes} bytes" : "the reply is not <result><result_code>N</result_code></result>");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException or InvalidOperationException or NotSupportedException)
        {
            // IOException: the reply's body breaking off while it is read (read after the headers, so not wrapped in an
            // HttpRequestException). The last two: a URL no HTTP client posts to (relative; ftp:, file:), from a data
            // file or the configuration. Escaping here, any of them stopped every tick at this record.
            attempt = new NotificationAttempt(at, null, null, exception.GetType().Name + ": " + exception.Message);
        }

        Settle(record, attempt, giveUp: false);
        LogAttempt(_logger, record.BillId, record.Attempts.Count, attempt.HttpStatus, attempt.ResultCode, record.Delivered);
    }

    /// <summary>The longest merchant reply read, in bytes (the docs' reply is under 100).</summary>
    internal const int MaxReplyBytes = 64 * 1024;

    /// <summary>The reply's bytes, or null when it is longer than <see cref="MaxReplyBytes"/> (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadReplyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var (body, tooLong) = await Qiwi.Shared.BoundedBodyRead.ReadAsync(content, MaxReplyBytes, cancellationToken).ConfigureAwait(false);
        return tooLong ? null : body;
    }

    /// <summary>Records an attempt: delivered, given up (past the schedule, or <paramref name="giveUp"/>), or due again.</summary>
    private void Settle(NotificationRecord record, NotificationAttempt attempt, bool giveUp)
    {
        lock (_records)
        {
            record.Attempts.Add(attempt);
            record.Delivered = attempt.HttpStatus == 200 && attempt.ResultCode == (int)NotificationResultCode.Success;
            if (!record.Delivered)
            {
                // The next attempt is due a wait after this one was due (not after it ended), so the schedule holds
                // whatever the merchant's latency.
                var next = record.NextAttemptAt + NotificationSchedule.WaitAfter(record.Attempts.Count, _options.NotificationTimeScale);
                record.GaveUp = giveUp || record.Attempts.Count >= NotificationSchedule.MaxAttempts || next - record.FirstAttemptAt > NotificationSchedule.WindowAt(_options.NotificationTimeScale);
                record.NextAttemptAt = next;
            }

            if (record.Delivered || record.GaveUp)
            {
                _pending.Remove(record);
            }

            Changed.Mark(record.Id);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Notification for bill {BillId} given up: shop {ShopId} is not configured")]
    private static partial void LogShopGone(ILogger logger, string billId, long shopId);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Notification for bill {BillId}, attempt {Attempt}: HTTP {Status}, result {ResultCode}, delivered {Delivered}")]
    private static partial void LogAttempt(ILogger logger, string billId, int attempt, int? status, int? resultCode, bool delivered);
}
