using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Persistence;
using Qiwi.Sandbox.Shops;
using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The data file saves only what changed (one row per invoice, per notification record, and a meta row): seeded random
/// operations with restarts at random points come back as they were; one change writes one row whatever is held;
/// concurrent changes while other threads save are never lost; a failed save loses nothing; and a file in the earlier
/// single-row format is read and migrated.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    [InlineData(73)]
    public async Task Random_operations_with_restarts_at_random_points_come_back_as_they_were(int seed)
    {
        var random = new Random(seed);
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var sandbox = await Sandbox.OpenAsync(file.Path, fake, seed);
        var bills = new List<string>();
        var restarts = 0;
        try
        {
            for (var step = 0; step < 400; step++)
            {
                var bill = bills.Count > 0 ? bills[random.Next(bills.Count)] : "none";
                var shop = sandbox.Shop;
                switch (random.Next(10))
                {
                    case 0 or 1:
                        bill = "B" + step;
                        bills.Add(bill);
                        sandbox.Ledger.Create(shop, bill, "tel:+7903" + random.Next(1_000_000, 9_999_999), random.Next(1, 10_000) / 100m, "RUB", "c" + step,
                            sandbox.Clock.GetUtcNow().AddMinutes(random.Next(1, 600)), Contract.PaySource.QiwiWallet, null);
                        break;
                    case 2:
                        sandbox.Ledger.Move(shop.ShopId, bill, Contract.BillStatus.Paid);
                        break;
                    case 3:
                        sandbox.Ledger.Cancel(shop.ShopId, bill);
                        break;
                    case 4:
                        sandbox.Ledger.CreateRefund(shop.ShopId, bill, "R" + random.Next(3), random.Next(1, 3000) / 100m);
                        break;
                    case 5:
                        sandbox.Ledger.GetRefund(shop.ShopId, bill, "R" + random.Next(3));   // settles a refund that is due
                        break;
                    case 6:
                        sandbox.Ledger.FailRefund(shop.ShopId, bill, "R" + random.Next(3));
                        break;
                    case 7:
                        sandbox.Clock.AdvanceTo(sandbox.Clock.GetUtcNow().AddMinutes(random.Next(1, 120)));   // time travel: expiries, settlements, repeats
                        await sandbox.Dispatcher.TickAsync(wait: true);
                        break;
                    case 8:
                        fake.Advance(TimeSpan.FromSeconds(random.Next(1, 900)));
                        await sandbox.Dispatcher.TickAsync(wait: true);
                        break;
                    default:
                        sandbox.Ledger.Get(shop.ShopId, bill);   // expires it when due
                        break;
                }

                sandbox.Store.Save();   // as after every request
                if (random.Next(25) == 0)
                {
                    // A restart (no orderly stop: only what the saves committed is kept).
                    await sandbox.QuiesceAsync();
                    var before = sandbox.State();
                    sandbox.Dispose();
                    sandbox = await Sandbox.OpenAsync(file.Path, fake, seed + step);
                    Assert.Equal(before, sandbox.State());
                    restarts++;
                }
            }

            await sandbox.QuiesceAsync();
            var last = sandbox.State();
            sandbox.Dispose();
            sandbox = await Sandbox.OpenAsync(file.Path, fake, seed);
            Assert.Equal(last, sandbox.State());
            Assert.True(restarts >= 5, $"only {restarts} restarts");
            Assert.True(last.Notifications.Count > 10 && last.Invoices.Count > 40, "the sequence made invoices and notifications");
        }
        finally
        {
            sandbox.Dispose();
        }
    }

    [Fact]
    public async Task A_save_writes_only_what_changed_whatever_is_held()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var sandbox = await Sandbox.OpenAsync(file.Path, fake, 1, merchantUrl: false);
        const int held = 3000;
        for (var i = 0; i < held; i++)
        {
            sandbox.Create("H" + i);
        }

        sandbox.Store.Save();
        Assert.Equal((held, 0, 1), sandbox.Store.LastSave);

        sandbox.Create("ONE-MORE");
        sandbox.Store.Save();
        Assert.Equal((1, 0, 0), sandbox.Store.LastSave);

        sandbox.Ledger.Move(sandbox.Shop.ShopId, "H17", Contract.BillStatus.Paid);
        sandbox.Ledger.CreateRefund(sandbox.Shop.ShopId, "H17", "R1", 1m);
        sandbox.Store.Save();
        Assert.Equal((1, 0, 0), sandbox.Store.LastSave);   // two changes to one invoice: one row

        sandbox.Store.Save();
        Assert.Equal((0, 0, 0), sandbox.Store.LastSave);

        sandbox.Clock.AdvanceTo(sandbox.Clock.GetUtcNow().AddSeconds(5));
        sandbox.Store.Save();
        Assert.Equal((0, 0, 1), sandbox.Store.LastSave);
        Assert.Equal(held + 1, Count(file.Path, "sandbox_invoice"));
    }

    [Fact]
    public async Task Without_a_data_file_no_change_is_kept_and_a_store_first_saving_whole_tracks_what_follows()
    {
        // No data file: the ledger and the dispatcher keep nothing, however much changes (no lock, no growing set).
        var fake = new FakeTimeProvider(Start);
        using (var memory = await Sandbox.OpenAsync(null, fake, 3))
        {
            for (var i = 0; i < 200; i++)
            {
                memory.Create("M" + i);
            }

            await memory.QuiesceAsync();
            Assert.Equal((0, 0), (memory.Ledger.Changed.Count, memory.Dispatcher.Changed.Count));
        }

        // A store that never loaded: its first save is whole and from then on changes are kept, so the next writes one row.
        using var file = new DataFile();
        var clock = new SandboxClock(new FakeTimeProvider(Start));
        var shop = new SandboxShop { ShopId = 78, MinAmount = 0.01m, MaxAmount = 1_000_000m };
        var options = new SandboxOptions { Shops = [shop], DataFile = file.Path };
        var ledger = new SandboxLedger(clock, options);
        using var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, new Merchant(4), NullLogger<NotificationDispatcher>.Instance);
        using var store = new SandboxStore(Options.Create(options), ledger, dispatcher, clock);
        var bill = (string id) => Assert.Equal(Contract.ResultCode.Success, ledger.Create(shop, id, "tel:+79031234567", 10m, "RUB", "c", clock.GetUtcNow().AddDays(30), Contract.PaySource.QiwiWallet, null).Code);
        bill("B0");
        Assert.Equal(0, ledger.Changed.Count);
        store.Save();
        Assert.Equal(1, store.LastSave.Invoices);
        bill("B1");
        Assert.Equal(1, ledger.Changed.Count);
        store.Save();
        Assert.Equal(1, store.LastSave.Invoices);
        Assert.Equal(2, Count(file.Path, "sandbox_invoice"));
    }

    [Fact]
    public async Task A_notification_attempt_writes_its_record_and_not_the_invoices()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        using var sandbox = await Sandbox.OpenAsync(file.Path, fake, 5);
        for (var i = 0; i < 500; i++)
        {
            sandbox.Create("H" + i);
        }

        sandbox.Store.Save();
        var before = sandbox.Store.TotalWritten;
        sandbox.Ledger.Move(sandbox.Shop.ShopId, "H3", Contract.BillStatus.Paid);
        sandbox.Store.Save();
        await sandbox.QuiesceAsync();   // the attempt, and the save after it
        for (var repeat = 0; repeat < 3; repeat++)
        {
            fake.Advance(TimeSpan.FromMinutes(10));   // repeats when the merchant refused
            await sandbox.QuiesceAsync();
        }

        sandbox.Store.Save();
        var written = sandbox.Store.TotalWritten;
        Assert.Equal(before.Invoices + 1, written.Invoices);
        Assert.InRange(written.Notifications - before.Notifications, 1, 5);
        Assert.Equal(1, Count(file.Path, "sandbox_notification"));
    }

    [Fact]
    public async Task Concurrent_changes_while_other_threads_save_are_never_lost()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var sandbox = await Sandbox.OpenAsync(file.Path, fake, 9, merchantUrl: false);
        const int workers = 4, each = 150;
        var done = 0;
        var saver = new Thread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                sandbox.Store.Save();
            }
        });
        saver.Start();
        var missing = new List<string>();
        RaceWorkers.Run(workers, worker =>
        {
            using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            reader.Open();
            for (var i = 0; i < each; i++)
            {
                var bill = $"W{worker}-{i}";
                sandbox.Create(bill);
                if (i % 3 == 0)
                {
                    sandbox.Ledger.Move(sandbox.Shop.ShopId, bill, Contract.BillStatus.Paid);
                }

                sandbox.Store.Save();   // as the middleware does before the answer: the change is in the file once it returns
                if (i % 10 == 0 && !Holds(reader, sandbox.Shop.ShopId, bill, i % 3 == 0 ? "paid" : "waiting"))
                {
                    lock (missing)
                    {
                        missing.Add(bill);
                    }
                }
            }
        });
        Volatile.Write(ref done, 1);
        saver.Join();
        Assert.Empty(missing);
        sandbox.Store.Save();
        var before = sandbox.State();
        sandbox.Dispose();
        using var again = await Sandbox.OpenAsync(file.Path, fake, 9, merchantUrl: false);
        var after = again.State();
        Assert.Equal(workers * each, after.Invoices.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_failed_save_loses_nothing_and_the_next_save_writes_it()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var sandbox = await Sandbox.OpenAsync(file.Path, fake, 3, merchantUrl: false);
        for (var i = 0; i < 50; i++)
        {
            sandbox.Create("H" + i);
        }

        sandbox.Store.Save();
        var faults = 0;
        for (var point = 0; point < 3; point++)
        {
            sandbox.Create("F" + point);
            sandbox.Ledger.Move(sandbox.Shop.ShopId, "H" + point, Contract.BillStatus.Paid);
            sandbox.Store.BeforeCommit = () => throw new IOException("injected: disk full");
            Assert.Throws<IOException>(sandbox.Store.Save);
            faults++;
            sandbox.Create("G" + point);   // a change made between the failed save and the next
            sandbox.Store.BeforeCommit = null;
            sandbox.Store.Save();
            Assert.Equal(3, sandbox.Store.LastSave.Invoices);   // F, H (paid) and G
        }

        var before = sandbox.State();
        sandbox.Dispose();
        using var again = await Sandbox.OpenAsync(file.Path, fake, 3, merchantUrl: false);
        Assert.Equal(before, again.State());
        Assert.Equal(3, faults);
    }

    [Fact]
    public async Task A_file_in_the_earlier_single_row_format_is_read_and_migrated()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);

        // State made in memory (no data file), then written as the earlier version did: one JSON row.
        var source = await Sandbox.OpenAsync(null, fake, 4);
        for (var i = 0; i < 30; i++)
        {
            source.Create("M" + i);
            if (i % 2 == 0)
            {
                source.Ledger.Move(source.Shop.ShopId, "M" + i, Contract.BillStatus.Paid);
            }
        }

        source.Ledger.CreateRefund(source.Shop.ShopId, "M0", "R1", 1m);
        source.Clock.AdvanceTo(source.Clock.GetUtcNow().AddMinutes(90));
        await source.QuiesceAsync();
        var expected = source.State();
        WriteSingleRow(file.Path, source);
        source.Dispose();

        var migrated = await Sandbox.OpenAsync(file.Path, fake, 4);
        Assert.Equal(expected, migrated.State());
        migrated.Dispose();
        Assert.Equal(0, Count(file.Path, "sqlite_master WHERE name = 'sandbox_state'"));
        Assert.Equal(30, Count(file.Path, "sandbox_invoice"));

        using var reopened = await Sandbox.OpenAsync(file.Path, fake, 4);
        Assert.Equal(expected, reopened.State());
    }

    private static long Count(string path, string table) => Scalar(path, "SELECT count(*) FROM " + table);

    private static bool Holds(SqliteConnection reader, long shopId, string bill, string status) => Row(reader, shopId, bill)?.Status == status;

    /// <summary>Everything a restart must bring back, as text per invoice and per record (every field), plus the clock's advance and the next id.</summary>
    private sealed record StoreState(List<string> Invoices, List<string> Notifications, TimeSpan Offset, int NextId)
    {
        public bool Equals(StoreState? other)
            => other is not null && Invoices.SequenceEqual(other.Invoices) && Notifications.SequenceEqual(other.Notifications) && Offset == other.Offset && NextId == other.NextId;

        public override int GetHashCode() => HashCode.Combine(Invoices.Count, Notifications.Count, Offset, NextId);

        public override string ToString() => $"{Invoices.Count} invoices, {Notifications.Count} records, offset {Offset}, next id {NextId}\n"
            + string.Join("\n", Invoices) + "\n" + string.Join("\n", Notifications);
    }

    /// <summary>Writes into <paramref name="path"/> the earlier format's single JSON row (table <c>sandbox_state</c>), as the version before rows did.</summary>
    private static void WriteSingleRow(string path, TimeSpan clockOffset, List<StoredInvoice> invoices, List<SandboxStore.StoredNotification> notifications, int nextId)
    {
        var json = JsonSerializer.Serialize(new { ClockOffset = clockOffset, Invoices = invoices, Notifications = notifications, NextNotificationId = nextId });
        using var legacy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        legacy.Open();
        using var write = legacy.CreateCommand();
        write.CommandText = "CREATE TABLE sandbox_state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL); INSERT INTO sandbox_state (id, json) VALUES (1, $json)";
        write.Parameters.AddWithValue("$json", json);
        write.ExecuteNonQuery();
    }

    /// <summary>Writes <paramref name="source"/>'s whole state into <paramref name="path"/> as the earlier format's single row.</summary>
    private static void WriteSingleRow(string path, Sandbox source)
    {
        var (records, nextId) = source.Dispatcher.Export();
        WriteSingleRow(path, source.Clock.Offset, source.Ledger.Export(), records.Select(SandboxStore.StoredNotification.From).ToList(), nextId);
    }

    /// <summary>The parts of one sandbox on <paramref name="path"/> (shop 77, its store not started): what <see cref="Sandbox"/> and <see cref="Started"/> hold.</summary>
    private static StoreParts Parts(string? path, FakeTimeProvider fake, int seed, bool merchantUrl, bool merchantRefuses)
    {
        var shop = new SandboxShop { ShopId = 77, MinAmount = 0.01m, MaxAmount = 1_000_000m, NotificationPassword = "secret" };
        if (merchantUrl)
        {
            shop.NotificationUrl = new Uri("http://merchant.invalid/notify");
        }

        var options = new SandboxOptions { Shops = [shop], DataFile = path, RefundSettleDelay = TimeSpan.FromMinutes(30), NotificationTimeScale = 10 };
        var clock = new SandboxClock(fake);
        var ledger = new SandboxLedger(clock, options);
        var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, new Merchant(seed, merchantRefuses), NullLogger<NotificationDispatcher>.Instance);
        return new StoreParts(shop, clock, ledger, dispatcher, new SandboxStore(Options.Create(options), ledger, dispatcher, clock));
    }

    /// <summary>A sandbox's parts around one store, nothing started (no HTTP; the tick and saves are driven by the test).</summary>
    private class StoreParts(SandboxShop shop, SandboxClock clock, SandboxLedger ledger, NotificationDispatcher dispatcher, SandboxStore store) : IDisposable
    {
        protected StoreParts(StoreParts parts)
            : this(parts.Shop, parts.Clock, parts.Ledger, parts.Dispatcher, parts.Store)
        {
        }

        public SandboxShop Shop { get; } = shop;

        public SandboxClock Clock { get; } = clock;

        public SandboxLedger Ledger { get; } = ledger;

        public NotificationDispatcher Dispatcher { get; } = dispatcher;

        public SandboxStore Store { get; } = store;

        public void Dispose()
        {
            Store.Dispose();
            Dispatcher.Dispose();
        }
    }

    /// <summary>One sandbox's state and its data file, started (no HTTP; the tick and saves are driven by the test).</summary>
    private sealed class Sandbox(StoreParts parts) : StoreParts(parts)
    {
        public static async Task<Sandbox> OpenAsync(string? path, FakeTimeProvider fake, int seed, bool merchantUrl = true, bool merchantRefuses = false, Action<SandboxStore>? before = null)
        {
            var parts = Parts(path, fake, seed, merchantUrl, merchantRefuses);
            before?.Invoke(parts.Store);
            await parts.Store.StartAsync(default);   // the dispatcher's timers are not started: the test ticks it
            var sandbox = new Sandbox(parts);
            await sandbox.QuiesceAsync();
            return sandbox;
        }

        public void Create(string bill)
            => Assert.Equal(Contract.ResultCode.Success, Ledger.Create(Shop, bill, "tel:+79031234567", 10m, "RUB", "c", Clock.GetUtcNow().AddDays(30), Contract.PaySource.QiwiWallet, null).Code);

        /// <summary>Ticks until nothing is due now, so no attempt in the background changes state while it is compared.</summary>
        public async Task QuiesceAsync()
        {
            do
            {
                await Dispatcher.TickAsync(wait: true);
            }
            while (Dispatcher.NextDue() is { } due && due <= Clock.GetUtcNow());

            await Dispatcher.TickAsync(wait: true);
        }

        public StoreState State()
        {
            var (records, nextId) = Dispatcher.Export();
            return new StoreState(
                Ledger.Export().OrderBy(i => i.BillId, StringComparer.Ordinal).Select(i => JsonSerializer.Serialize(i)).ToList(),
                records.Select(r => JsonSerializer.Serialize(SandboxStore.StoredNotification.From(r))).ToList(),
                Clock.Offset,
                nextId);
        }
    }

    private sealed class DataFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qiwi-sandbox-inc-" + Guid.NewGuid().ToString("N") + ".db");

        public void Dispose()
        {
            File.Delete(Path);
            File.Delete(DataFileLock.PathFor(Path));
        }
    }

    /// <summary>A merchant that answers at random (seeded): delivered, HTTP 500, or no connection; or, when it refuses, always HTTP 500.</summary>
    private sealed class Merchant(int seed, bool refuses = false) : HttpMessageHandler, IHttpClientFactory
    {
        private readonly Random _random = new(seed);

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int pick;
            lock (_random)
            {
                pick = refuses ? 1 : _random.Next(3);
            }

            return pick switch
            {
                0 => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<result><result_code>0</result_code></result>") }),
                1 => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)),
                _ => throw new HttpRequestException("no connection"),
            };
        }
    }
}
