using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;
using Qiwi.Sandbox.Persistence;
using Qiwi.Sandbox.Shops;
using Contract = Qiwi.Sandbox.Contract;
using static Qiwi.Sandbox.Tests.RaceWorkers;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The notification log and the data file read copies of the records taken under the dispatcher's lock. Here the
/// dispatcher makes attempts (a merchant answering at random: success, another result code, HTTP 500, a body that
/// is not XML, no connection) while readers take the log, serialize it as the control API does, and save the data
/// file, all at once. Every record of every copy must be whole: its delivery flag, give-up flag and next due time
/// are exactly what its attempts imply; a later copy only adds attempts to an earlier one; nothing throws; and the
/// data file read back is the final log.
/// </summary>
public sealed class NotificationLogRaceTests
{
    private const double TimeScale = 100;

    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public async Task Snapshots_taken_while_attempts_are_made_are_whole_and_the_data_file_keeps_the_final_log(int seed)
    {
        var file = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-race-" + Guid.NewGuid().ToString("N") + ".db");
        var random = new Random(seed);
        var fake = new FakeTimeProvider(Start);
        var clock = new SandboxClock(fake);
        var shop = new SandboxShop { ShopId = 9, NotificationUrl = new Uri("http://merchant.invalid/notify"), SignNotifications = seed % 2 == 0, NotificationPassword = "secret" };
        var options = new SandboxOptions { Shops = [shop], NotificationTimeScale = TimeScale, DataFile = file };
        var ledger = new SandboxLedger(clock, options);
        using var dispatcher = new NotificationDispatcher(ledger, Options.Create(options), clock, new Merchant(seed), NullLogger<NotificationDispatcher>.Instance);
        using var store = new SandboxStore(Options.Create(options), ledger, dispatcher, clock);
        await dispatcher.StartAsync(default);   // the store is not started: only the saver below writes the data file, while attempts are made
        try
        {
            var done = 0;
            var failures = new List<string>();
            var checkedCopies = 0;
            var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                var seen = new Dictionary<int, List<NotificationAttempt>>();
                while (Volatile.Read(ref done) == 0 && failures.Count == 0)
                {
                    try
                    {
                        var records = dispatcher.Log;
                        Check(records, seen, failures);
                        using var json = JsonDocument.Parse(JsonSerializer.Serialize(records, Control.SandboxControlJson.Options));
                        var attempts = json.RootElement.EnumerateArray().Select(r => r.GetProperty("attempts").GetArrayLength()).ToList();
                        if (!attempts.SequenceEqual(records.Select(r => r.Attempts.Count)))
                        {
                            Fail(failures, "the serialized log differs from the copy it was written from");
                        }
                    }
                    catch (Exception exception)
                    {
                        // A record changed while it was read (the live list enumerated during an attempt, say).
                        Fail(failures, "reading the log threw " + exception);
                    }

                    Interlocked.Increment(ref checkedCopies);
                }
            })).ToList();
            var saver = Task.Run(() =>
            {
                while (Volatile.Read(ref done) == 0)
                {
                    store.Save();
                }
            });

            // The driver: invoices reach final statuses now and then; the clock moves and everything due is attempted.
            var bills = 0;
            for (var step = 0; step < 200; step++)
            {
                if (step < 150 && random.Next(3) == 0)
                {
                    var bill = "N" + bills++;
                    ledger.Create(shop, bill, "tel:+79031234567", 10m, "RUB", "race", Start.AddDays(30), Contract.PaySource.QiwiWallet, null);
                    ledger.Move(shop.ShopId, bill, random.Next(3) == 0 ? Contract.BillStatus.Rejected : Contract.BillStatus.Paid);
                }

                fake.Advance(TimeSpan.FromMilliseconds(random.Next(0, 8000)));
                await dispatcher.TickAsync(wait: true);

                // The readers keep up (a copy per step at least), so copies are taken all along the attempts.
                while (Volatile.Read(ref checkedCopies) < step && failures.Count == 0)
                {
                    await Task.Delay(1);
                }
            }

            Volatile.Write(ref done, 1);
            await Task.WhenAll(readers.Append(saver));
            await dispatcher.TickAsync(wait: true);
            store.Save();
            store.Dispose();   // as a stopped sandbox does: the file's lock is let go, so the next one can start on it

            Assert.Empty(failures);
            var final = dispatcher.Export();
            Check(final.Records, new Dictionary<int, List<NotificationAttempt>>(), failures);
            Assert.Empty(failures);
            Assert.Equal(bills, final.Records.Count);
            Assert.True(final.Records.Sum(r => r.Attempts.Count) > 2 * bills, "the merchant's refusals made repeats");
            Assert.Contains(final.Records, r => r.Delivered);
            Assert.True(checkedCopies >= 199, $"only {checkedCopies} copies were read during the attempts");

            // The data file read back (into a clock that is earlier still, so nothing is due) is the final log.
            var again = new SandboxClock(new FakeTimeProvider(Start.AddDays(-1)));
            var reloadedLedger = new SandboxLedger(again, options);
            using var reloaded = new NotificationDispatcher(reloadedLedger, Options.Create(options), again, new Merchant(seed), NullLogger<NotificationDispatcher>.Instance);
            using var reloading = new SandboxStore(Options.Create(options), reloadedLedger, reloaded, again);
            await reloading.StartAsync(default);
            var back = reloaded.Export();
            Assert.Equal(final.NextId, back.NextId);
            Assert.Equal(Describe(final.Records), Describe(back.Records));
        }
        finally
        {
            await dispatcher.StopAsync(default);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            File.Delete(DataFileLock.PathFor(file));
        }
    }

    /// <summary>Every record is whole, and extends what the same reader saw of it before.</summary>
    private static void Check(IReadOnlyList<NotificationRecord> records, Dictionary<int, List<NotificationAttempt>> seen, List<string> failures)
    {
        foreach (var record in records)
        {
            var attempts = record.Attempts;
            var count = attempts.Count;
            var last = count > 0 ? attempts[^1] : null;
            var delivered = last is { HttpStatus: 200, ResultCode: 0 };
            var repeats = delivered ? count - 1 : count;
            var next = record.FirstAttemptAt;
            for (var i = 1; i <= repeats; i++)
            {
                next += NotificationSchedule.WaitAfter(i, TimeScale);
            }

            var gaveUp = count > 0 && !delivered && (count >= NotificationSchedule.MaxAttempts || next - record.FirstAttemptAt > NotificationSchedule.WindowAt(TimeScale));
            var problems = new List<string>();
            if (record.Delivered != delivered)
            {
                problems.Add($"delivered {record.Delivered} after {count} attempts, the last {last}");
            }

            if (record.GaveUp != gaveUp)
            {
                problems.Add($"gave up {record.GaveUp} after {count} attempts");
            }

            if (record.NextAttemptAt != next)
            {
                problems.Add($"next attempt at {record.NextAttemptAt:O}, its {count} attempts make it {next:O}");
            }

            if (attempts.Take(count - 1).Any(a => a is { HttpStatus: 200, ResultCode: 0 }))
            {
                problems.Add("attempted again after a delivery");
            }

            if (attempts.Any(a => (a.Error is null) != (a.ResultCode is not null) || (a.HttpStatus is null && a.Error is null)))
            {
                problems.Add("an attempt whose reply and error disagree");
            }

            if (seen.TryGetValue(record.Id, out var before) && (before.Count > count || !before.SequenceEqual(attempts.Take(before.Count))))
            {
                problems.Add($"{before.Count} attempts seen before, now {count} that do not extend them");
            }

            seen[record.Id] = attempts.ToList();
            if (problems.Count > 0)
            {
                Fail(failures, $"record {record.Id} ({record.BillId}): " + string.Join("; ", problems));
            }
        }
    }

    private static List<string> Describe(IReadOnlyList<NotificationRecord> records)
        => records.Select(r => $"{r.Id} {r.BillId} {r.Status} {r.Delivered} {r.GaveUp} {r.FirstAttemptAt:O} {r.NextAttemptAt:O} {string.Join(",", r.Attempts)} {string.Join("&", r.Form)}").ToList();

    /// <summary>A merchant that answers each notification at random (seeded): success, result 300, HTTP 500, a body that is not XML, or no connection.</summary>
    private sealed class Merchant(int seed) : HttpMessageHandler, IHttpClientFactory
    {
        private readonly Random _random = new(seed);

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int roll;
            lock (_random)
            {
                roll = _random.Next(10);
            }

            await Task.Yield();
            return roll switch
            {
                0 or 1 => Reply(HttpStatusCode.OK, "<result><result_code>0</result_code></result>"),
                2 or 3 or 4 => Reply(HttpStatusCode.OK, "<result><result_code>300</result_code></result>"),
                5 or 6 => Reply(HttpStatusCode.InternalServerError, "<result><result_code>0</result_code></result>"),
                7 => Reply(HttpStatusCode.OK, "not xml"),
                _ => throw new HttpRequestException("connection refused"),
            };
        }

        private static HttpResponseMessage Reply(HttpStatusCode status, string body)
            => new(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
    }
}
