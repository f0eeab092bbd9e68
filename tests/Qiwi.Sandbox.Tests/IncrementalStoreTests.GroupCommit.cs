using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Persistence;
using Contract = Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Group commit (<see cref="SandboxStore.SaveAsync"/>): requests waiting at once share one transaction, none is released
/// before a commit that holds its change, and a failed commit loses nothing: concurrent workers creating, paying,
/// cancelling and refunding while commits fail at random find each answered change in the file at once, and a restart
/// brings back exactly what memory held (no refund counted twice by a retry after a failed save).
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Fact]
    public async Task Requests_waiting_during_a_commit_share_the_next_one_and_none_is_released_before_it()
    {
        using var file = new DataFile();

        // The first commit is held inside its transaction; requests that change state meanwhile wait for the next.
        var (sandbox, hold, first) = await HoldingACommitAsync(file, 11);
        using var disposing = sandbox;
        const int waiting = 40;
        var saves = new List<Task>();
        for (var i = 0; i < waiting; i++)
        {
            sandbox.Create("NEXT" + i);
            saves.Add(sandbox.Store.SaveAsync());
        }

        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(saves, save => save.IsCompleted);   // their change is not in the commit under way
        hold.Release();
        await first;
        await Task.WhenAll(saves);

        Assert.Equal(2, sandbox.Store.GroupCommits);   // the 40 shared one transaction
        Assert.Equal((waiting, 0, 0), sandbox.Store.LastSave);
        Assert.Equal(waiting + 2, Count(file.Path, "sandbox_invoice"));
    }

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public async Task Workers_answered_while_commits_fail_at_random_find_their_change_in_the_file_and_a_restart_loses_and_doubles_nothing(int seed)
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var sandbox = await Sandbox.OpenAsync(file.Path, fake, seed);
        var faults = new Random(seed);
        var injected = 0;
        sandbox.Store.BeforeCommit = () =>
        {
            lock (faults)
            {
                if (faults.Next(4) == 0)
                {
                    injected++;
                    throw new IOException("injected: disk full");
                }
            }
        };

        const int workers = 8, steps = 60;
        var model = new Dictionary<string, Expected>();
        var failures = new List<string>();
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + worker);
            var mine = new List<string>();
            using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            reader.Open();
            for (var step = 0; step < steps; step++)
            {
                var (bill, operation) = NextOperation(sandbox, random, worker, step, mine, model);

                // As a client does after HTTP 500: the same request again (the change is in memory; a repeat changes
                // nothing more), until an answer goes out.
                for (var attempt = 0; ; attempt++)
                {
                    operation();
                    try
                    {
                        await sandbox.Store.SaveAsync();
                        break;
                    }
                    catch (IOException) when (attempt < 50)
                    {
                    }
                }

                Interlocked.Increment(ref answered);
                Expected expected;
                lock (model)
                {
                    expected = model[bill];
                }

                // Answered: the file holds the change now, whatever other commits do or fail to do meanwhile.
                var row = Row(reader, sandbox.Shop.ShopId, bill);
                if (row is null || !expected.Matches(row))
                {
                    RaceWorkers.Fail(failures, $"{bill} answered after step {step} but the file holds {(row is null ? "no row" : JsonSerializer.Serialize(row))}, expected {expected}");
                }
            }
        })));

        Assert.Empty(failures);
        Assert.Equal(workers * steps, answered);
        Assert.True(injected >= 10, $"only {injected} commits failed");
        Assert.True(sandbox.Store.GroupCommits < answered, "requests shared commits");

        // Every change was answered, so the file already holds every invoice as memory does, with no final save.
        sandbox.Store.BeforeCommit = null;
        var memory = sandbox.Ledger.Export().OrderBy(i => i.BillId, StringComparer.Ordinal).Select(i => JsonSerializer.Serialize(i)).ToList();
        Assert.Equal(memory, Rows(file.Path).Select(i => JsonSerializer.Serialize(i)).ToList());

        // A final save, then a restart: the state equals memory's; each invoice is what the workers were answered,
        // and no refund is counted twice (a repeat after a failed save refunded nothing more).
        await sandbox.QuiesceAsync();
        sandbox.Store.Save();
        var before = sandbox.State();
        sandbox.Dispose();
        using var again = await Sandbox.OpenAsync(file.Path, fake, seed);
        Assert.Equal(before, again.State());
        var loaded = again.Ledger.Export().ToDictionary(i => i.BillId);
        Assert.Equal(model.Count, loaded.Count);
        foreach (var (bill, expected) in model)
        {
            Assert.True(expected.Matches(loaded[bill]), $"{bill}: {JsonSerializer.Serialize(loaded[bill])}, expected {expected}");
            Assert.True(loaded[bill].Refunds.Sum(r => r.Amount) <= loaded[bill].Amount, $"{bill} refunded more than its amount");
        }
    }

    [Fact]
    public async Task A_save_failing_after_notification_attempts_does_not_fail_the_tick_and_the_next_save_writes_the_record()
    {
        using var file = new DataFile();
        var fake = new FakeTimeProvider(Start);
        var sandbox = await Sandbox.OpenAsync(file.Path, fake, 31, merchantRefuses: true);
        sandbox.Create("T1");
        sandbox.Ledger.Move(sandbox.Shop.ShopId, "T1", Contract.BillStatus.Paid);
        await sandbox.QuiesceAsync();   // the first attempt, refused; the repeat waits
        sandbox.Store.Save();

        sandbox.Store.BeforeCommit = () => throw new IOException("injected: disk full");
        // To the repeat's due time exactly: past it, the repeat after it would be due at once too, and the dispatcher's
        // own wake-up would make it at any moment of what follows (a third attempt between the save and the snapshot).
        fake.Advance(sandbox.Dispatcher.NextDue()!.Value - sandbox.Clock.GetUtcNow());
        await sandbox.Dispatcher.TickAsync(wait: true);   // the repeat is made; its save fails, the tick does not
        Assert.Equal(2, Assert.Single(sandbox.Dispatcher.Log).Attempts.Count);
        Assert.Equal(1, sandbox.Dispatcher.Changed.Count);   // given back for the next save
        Assert.True(sandbox.Dispatcher.NextDue() > sandbox.Clock.GetUtcNow(), "the next repeat is due later");

        sandbox.Store.BeforeCommit = null;
        sandbox.Store.Save();
        Assert.Equal((0, 1, 0), sandbox.Store.LastSave);
        var before = sandbox.State();
        sandbox.Dispose();
        using var again = await Sandbox.OpenAsync(file.Path, new FakeTimeProvider(Start), 31, merchantRefuses: true);
        Assert.Equal(before, again.State());
    }

    /// <summary>One random operation of a worker on its own invoices, applied once now (and again by a repeat); the model says what it leaves.</summary>
    private static (string Bill, Action Operation) NextOperation(Sandbox sandbox, Random random, int worker, int step, List<string> mine, Dictionary<string, Expected> model)
    {
        var shop = sandbox.Shop.ShopId;
        Expected Of(string bill)
        {
            lock (model)
            {
                return model[bill];
            }
        }

        void Set(string bill, Expected expected)
        {
            lock (model)
            {
                model[bill] = expected;
            }
        }

        var pick = mine.Count == 0 ? 0 : random.Next(5);
        if (pick == 0)
        {
            var bill = $"W{worker}-{step}";
            var amount = random.Next(100, 10_000) / 100m;
            mine.Add(bill);
            Set(bill, new Expected(amount, "waiting", []));
            return (bill, () => Assert.Equal(Contract.ResultCode.Success, sandbox.Ledger.Create(sandbox.Shop, bill, "tel:+79031234567", amount, "RUB", "c",
                sandbox.Clock.GetUtcNow().AddDays(30), Contract.PaySource.QiwiWallet, null).Code));
        }

        var target = mine[random.Next(mine.Count)];
        var now = Of(target);
        switch (pick)
        {
            case 1 or 2 when now.Status == "waiting":
                var status = pick == 1 ? Contract.BillStatus.Paid : Contract.BillStatus.Rejected;
                Set(target, now with { Status = pick == 1 ? "paid" : "rejected" });
                return (target, () => sandbox.Ledger.Move(shop, target, status));   // a repeat is refused and changes nothing
            case 3 or 4 when now.Status == "paid":
                var refundId = "R" + step;
                var left = now.Amount - now.Refunds.Values.Sum();
                var refund = Math.Max(0.01m, Math.Round(left * (decimal)random.NextDouble(), 2));
                var fits = refund <= left;
                Set(target, fits ? now with { Refunds = new Dictionary<string, decimal>(now.Refunds) { [refundId] = refund } } : now);
                return (target, () =>
                {
                    var code = sandbox.Ledger.CreateRefund(shop, target, refundId, refund).Code;
                    Assert.Equal(fits ? Contract.ResultCode.Success : Contract.ResultCode.AmountTooLarge, code);   // a repeat gets the same refund
                });
            default:
                return (target, () => sandbox.Ledger.Get(shop, target));   // changes nothing, still waits for a commit
        }
    }

    private static StoredInvoice? Row(SqliteConnection reader, long shopId, string bill)
    {
        using var read = reader.CreateCommand();
        read.CommandText = "SELECT json FROM sandbox_invoice WHERE shop_id = $shop AND bill_id = $bill";
        read.Parameters.AddWithValue("$shop", shopId);
        read.Parameters.AddWithValue("$bill", bill);
        return read.ExecuteScalar() is string json ? JsonSerializer.Deserialize<StoredInvoice>(json) : null;
    }

    private static List<StoredInvoice> Rows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT json FROM sandbox_invoice";
        using var row = read.ExecuteReader();
        var rows = new List<StoredInvoice>();
        while (row.Read())
        {
            rows.Add(JsonSerializer.Deserialize<StoredInvoice>(row.GetString(0))!);
        }

        return rows.OrderBy(i => i.BillId, StringComparer.Ordinal).ToList();
    }

    /// <summary>What a worker was answered for one invoice: its amount, status and refunds (all processing: the clock does not move).</summary>
    private sealed record Expected(decimal Amount, string Status, Dictionary<string, decimal> Refunds)
    {
        public bool Matches(StoredInvoice row)
            => row.Amount == Amount && row.Status == Status && row.Refunds.Count == Refunds.Count
                && row.Refunds.All(r => Refunds.TryGetValue(r.RefundId, out var amount) && amount == r.Amount);

        public override string ToString() => $"{Amount} {Status} refunds [{string.Join(", ", Refunds.Select(r => r.Key + "=" + r.Value))}]";
    }
}
