using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Persistence;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A notification record is copied in two places: the log's snapshot (<c>NotificationRecord.Snapshot</c>) and the
/// data file's reader (<c>StoredNotification.ToRecord</c>, after <c>From</c> and JSON). Seeded random records go
/// through both and every public property must come back, compared by the list <see cref="Fields"/> names; a second
/// test checks that list is every public property of the type, so a field added later without a copy fails here.
/// </summary>
public sealed class NotificationRecordCopyTests
{
    /// <summary>Every public property of <see cref="NotificationRecord"/>, as text that tells any two values apart.</summary>
    private static readonly (string Name, Func<NotificationRecord, string> Text)[] Fields =
    [
        (nameof(NotificationRecord.Id), r => r.Id.ToString(CultureInfo.InvariantCulture)),
        (nameof(NotificationRecord.ShopId), r => r.ShopId.ToString(CultureInfo.InvariantCulture)),
        (nameof(NotificationRecord.BillId), r => r.BillId),
        (nameof(NotificationRecord.Status), r => r.Status),
        (nameof(NotificationRecord.Url), r => r.Url.OriginalString),
        (nameof(NotificationRecord.Form), r => string.Join("&", r.Form.Select(f => f.Key.Length + ":" + f.Key + "=" + f.Value.Length + ":" + f.Value))),
        (nameof(NotificationRecord.FirstAttemptAt), r => r.FirstAttemptAt.ToString("O", CultureInfo.InvariantCulture)),
        (nameof(NotificationRecord.NextAttemptAt), r => r.NextAttemptAt.ToString("O", CultureInfo.InvariantCulture)),
        (nameof(NotificationRecord.Attempts), r => string.Join(" | ", r.Attempts.Select(a => a.At.ToString("O", CultureInfo.InvariantCulture) + " " + a.HttpStatus + " " + a.ResultCode + " " + (a.Error is null ? "(null)" : "'" + a.Error + "'")))),
        (nameof(NotificationRecord.Delivered), r => r.Delivered.ToString()),
        (nameof(NotificationRecord.GaveUp), r => r.GaveUp.ToString()),
    ];

    // The sandbox's clock stands before every record's due time, so nothing is attempted while the records are held.
    private static readonly DateTimeOffset Now = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_compared_fields_are_every_public_property()
    {
        var properties = typeof(NotificationRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(properties, Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Random_records_come_back_whole_from_the_log_and_from_the_data_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-copy-" + Guid.NewGuid().ToString("N") + ".db");
        var random = new Random(2311);
        var options = new SandboxOptions { DataFile = file };
        var clock = new SandboxClock(new FakeTimeProvider(Now));
        var merchant = new NoMerchant();
        try
        {
            var records = Enumerable.Range(1, 150).Select(id => Record(random, id)).ToList();
            var expected = records.ConvertAll(Describe);
            var ledger = new SandboxLedger(clock, options);
            using var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, merchant, NullLogger<NotificationDispatcher>.Instance);
            dispatcher.Import(records, nextId: 151);

            // The log: copies equal to the records, and not the records (a later attempt does not show in a copy taken before).
            var (log, nextId) = dispatcher.Export();
            Assert.Equal(151, nextId);
            Compare(expected, log);
            Assert.All(log.Zip(records), pair => Assert.NotSame(pair.Second.Attempts, pair.First.Attempts));

            // The data file: saved, then read by a fresh sandbox.
            using (var saving = new SandboxStore(Options.Create(options), ledger, dispatcher, clock))
            {
                saving.Save();
            }

            var reloadedLedger = new SandboxLedger(clock, options);
            using var reloaded = new NotificationDispatcher(reloadedLedger, Options.Create(options), clock, merchant, NullLogger<NotificationDispatcher>.Instance);
            using var store = new SandboxStore(Options.Create(options), reloadedLedger, reloaded, clock);
            await store.StartAsync(default);
            await store.StopAsync(default);
            var back = reloaded.Export();
            Assert.Equal(151, back.NextId);
            Compare(expected, back.Records);
            Assert.Equal(0, merchant.Calls);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            File.Delete(Qiwi.Sandbox.Persistence.DataFileLock.PathFor(file));
        }
    }

    [Theory]
    [InlineData(2411)]
    [InlineData(2412)]
    public void Records_found_by_id_for_the_data_file_are_those_a_filter_of_the_whole_log_finds(int seed)
    {
        // The dispatcher finds a changed record by binary search over its log; the reference is a filter of the whole log.
        var random = new Random(seed);
        var options = new SandboxOptions();
        var clock = new SandboxClock(new FakeTimeProvider(Now));
        using var dispatcher = new NotificationDispatcher(new SandboxLedger(clock, options), Options.Create(options), clock, new NoMerchant(), NullLogger<NotificationDispatcher>.Instance);
        var ids = Enumerable.Range(1, 500).Where(_ => random.Next(3) > 0).ToList();   // gaps, as a file whose rows were dropped could have
        dispatcher.Import(ids.OrderBy(_ => random.Next()).Select(id => Record(random, id)).ToList(), nextId: ids[^1]);
        var whole = dispatcher.Export().Records;
        Assert.Equal(ids, whole.Select(r => r.Id));   // kept in id order whatever order the records came in
        for (var round = 0; round < 300; round++)
        {
            var asked = Enumerable.Range(0, random.Next(0, 25)).Select(_ => random.Next(-3, 505)).ToList();
            var expected = asked.SelectMany(id => whole.Where(r => r.Id == id)).Select(Describe).ToList();
            Compare(expected, dispatcher.Export(asked).Records);
        }
    }

    private static void Compare(List<string[]> expected, IReadOnlyList<NotificationRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var got = Describe(actual[i]);
            for (var f = 0; f < Fields.Length; f++)
            {
                Assert.True(expected[i][f] == got[f], $"record {i}: {Fields[f].Name} was '{expected[i][f]}', came back '{got[f]}'");
            }
        }
    }

    private static string[] Describe(NotificationRecord record) => Array.ConvertAll(Fields, f => f.Text(record));

    private static NotificationRecord Record(Random random, int id)
    {
        var first = Now.AddDays(random.Next(1, 400)).AddTicks(random.NextInt64(TimeSpan.TicksPerDay)).ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 57)));
        var attempts = Enumerable.Range(0, random.Next(0, 6)).Select(k => new NotificationAttempt(
            first.AddTicks(random.NextInt64(TimeSpan.TicksPerHour) * (k + 1)),
            random.Next(3) == 0 ? null : random.Next(100, 600),
            random.Next(3) == 0 ? null : random.Next(0, 400),
            random.Next(2) == 0 ? null : Text(random)));
        var outcome = random.Next(3);
        var record = new NotificationRecord // built here, not by the copy under test
        {
            Id = id,
            ShopId = random.NextInt64(1, long.MaxValue),
            BillId = "bill-" + Text(random),
            Status = random.Next(2) == 0 ? "paid" : Text(random),
            Url = new Uri("https://merchant" + random.Next(100) + ".example/notify?x=" + random.Next()),
            Form = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new KeyValuePair<string, string>(Text(random), Text(random))).ToList(),
            FirstAttemptAt = first,
            NextAttemptAt = first.AddMinutes(random.Next(1, 100_000)),
            Delivered = outcome == 1,
            GaveUp = outcome == 2,
        };
        record.Attempts.AddRange(attempts);
        return record;
    }

    private static string Text(Random random)
    {
        string[] pieces = ["a", "Z", "0", "9", " ", "_", "-", "&", "=", ":", "\"", "\\", "/", "Ж", "щ", "Ü", "€", "😀", "\t"];
        return string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    /// <summary>A merchant that must not be called: nothing is due while the records are held.</summary>
    private sealed class NoMerchant : HttpMessageHandler, IHttpClientFactory
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new HttpRequestException("no merchant in this test");
        }
    }
}
