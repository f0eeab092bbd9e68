using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;
using Contract = Qiwi.Sandbox.Contract;
using static Qiwi.Sandbox.Tests.RaceWorkers;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The ledger's money promises under concurrent workers driving it directly (no HTTP in between, so the threads
/// really meet): a shop's monthly limit is never exceeded by invoices admitted together, its running total is the sum
/// of the invoices it holds (no invoice counted twice or lost), refunds of one invoice never exceed what was paid,
/// and its refundable total is the amount less the refunds that did not fail. Each running total is checked from
/// outside afterwards: what is left by the sum recomputed from the ledger is exactly what the next operation may take
/// (that amount is accepted, a cent more refused). Inputs are seeded; the interleaving is not, the verdict is.
/// </summary>
public sealed class LedgerRaceTests
{
    private const int Workers = 4;

    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public void Concurrent_creates_never_take_a_shop_past_its_monthly_limit_and_its_running_total_is_the_sum_of_its_invoices(int seed)
    {
        const int Rounds = 300;
        var random = new Random(seed);
        var shops = Enumerable.Range(1, Rounds).Select(i => new SandboxShop { ShopId = 1000 + i, MinAmount = 0.01m, MaxAmount = 1_000_000m, MonthlyLimit = random.Next(5_000, 20_000) / 100m }).ToList();
        var ledger = new SandboxLedger(new FakeTimeProvider(Start), new SandboxOptions { Shops = shops });

        // Per shop: a pool of bill ids, each with its own amount (together about twice the limit, most near a tenth to a third
        // of it, so the last admissions meet right at the limit); each worker creates them in its own order, sometimes
        // again (a repeat: the same answer, not counted again) or with another amount (a conflict: 215 or 700, never counted).
        var pools = shops.Select(shop => Enumerable.Range(0, 10).Select(i => ("B" + i, random.Next((int)(shop.MonthlyLimit!.Value * 10), (int)(shop.MonthlyLimit.Value * 34)) / 100m)).ToArray()).ToArray();
        var plans = Enumerable.Range(0, Workers).Select(w => pools.Select(pool => Plan(random, pool)).ToArray()).ToArray();
        var accepted = new List<(long Shop, string Bill, decimal Amount)>();
        var failures = new List<string>();

        Run(Workers, worker =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                Sync();
                foreach (var (bill, amount) in plans[worker][round])
                {
                    var result = ledger.Create(shops[round], bill, "tel:+79031234567", amount, "RUB", "race", Start.AddDays(1), Contract.PaySource.QiwiWallet, null);
                    if (result.Value is { } created)
                    {
                        lock (accepted)
                        {
                            accepted.Add((shops[round].ShopId, bill, created.Amount));
                        }
                    }
                    else if (result.Code is not (Contract.ResultCode.MonthlyLimitExceeded or Contract.ResultCode.InvoiceAlreadyExists))
                    {
                        Fail(failures, $"shop {shops[round].ShopId} bill {bill}: unexpected {result.Code}");
                    }
                }
            }
        });

        Assert.Empty(failures);
        var entries = ledger.Snapshot().ToLookup(e => e.ShopId);
        for (var round = 0; round < Rounds; round++)
        {
            var shop = shops[round];
            var held = entries[shop.ShopId].ToDictionary(e => e.BillId, e => e.Amount);
            var sum = held.Values.Sum();
            Assert.True(sum <= shop.MonthlyLimit, $"shop {shop.ShopId}: invoices of {sum} admitted under a limit of {shop.MonthlyLimit}");

            // Every answer that issued an invoice names one the ledger holds, at an amount planned for its id (the first create wins).
            Assert.All(accepted.Where(a => a.Shop == shop.ShopId), a => Assert.Equal(held[a.Bill], a.Amount));
            Assert.All(held, h => Assert.Contains(h.Value - pools[round].Single(p => p.Item1 == h.Key).Item2, new[] { 0m, 0.01m }));

            // The running total is the sum: exactly what is left is admitted, a cent more is not.
            var left = shop.MonthlyLimit!.Value - sum;
            Assert.Equal(Contract.ResultCode.MonthlyLimitExceeded, ledger.Create(shop, "PROBE-OVER", "tel:+79031234567", left + 0.01m, "RUB", "probe", Start.AddDays(1), Contract.PaySource.QiwiWallet, null).Code);
            if (left >= 0.01m)
            {
                Assert.Equal(Contract.ResultCode.Success, ledger.Create(shop, "PROBE", "tel:+79031234567", left, "RUB", "probe", Start.AddDays(1), Contract.PaySource.QiwiWallet, null).Code);
            }
        }

        Assert.True(accepted.Count > Rounds * 2, $"only {accepted.Count} creates admitted: the seed did not reach the limits");
    }

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    public void Concurrent_refunds_of_one_invoice_never_exceed_what_was_paid_and_its_refundable_total_is_the_sum_of_its_refunds(int seed)
    {
        const int Rounds = 200;
        var random = new Random(seed);
        var shop = new SandboxShop { ShopId = 7, MinAmount = 0.01m, MaxAmount = 1_000_000m };
        var clock = new FakeTimeProvider(Start);
        var ledger = new SandboxLedger(clock, new SandboxOptions { Shops = [shop], RefundSettleDelay = TimeSpan.FromSeconds(30) });
        var outcomes = new[] { "success", "fail", "processing" };
        var failures = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var bill = "R" + round;
            var amount = random.Next(10_000, 50_000) / 100m;
            shop.RefundOutcome = outcomes[round % outcomes.Length];
            Assert.Equal(Contract.ResultCode.Success, ledger.Create(shop, bill, "tel:+79031234567", amount, "RUB", "race", Start.AddDays(100), Contract.PaySource.QiwiWallet, null).Code);
            Assert.Equal(Contract.ResultCode.Success, ledger.Move(shop.ShopId, bill, Contract.BillStatus.Paid).Code);

            // Each worker: new refunds of up to a third of the amount, repeats of its own, fails of anyone's, reads; one moves the clock.
            var seeds = Enumerable.Range(0, Workers).Select(_ => random.Next()).ToArray();
            var created = new List<(string Id, decimal Amount)>();
            Run(Workers, worker =>
            {
                var r = new Random(seeds[worker]);
                var mine = new List<(string Id, decimal Amount)>();
                for (var step = 0; step < 12; step++)
                {
                    var roll = r.Next(10);
                    if (roll < 6 || mine.Count == 0)
                    {
                        var id = $"w{worker}-{step}";
                        var part = Math.Max(0.01m, decimal.Round(amount * (decimal)r.NextDouble() / 3, 2));
                        var result = ledger.CreateRefund(shop.ShopId, bill, id, part);
                        if (result.Value is not null)
                        {
                            mine.Add((id, part));
                        }
                        else if (result.Code != Contract.ResultCode.AmountTooLarge)
                        {
                            Fail(failures, $"refund {id} of {part}: {result.Code}");
                        }
                    }
                    else if (roll < 8)
                    {
                        var (id, part) = mine[r.Next(mine.Count)];
                        if (ledger.CreateRefund(shop.ShopId, bill, id, part) is { Value: null } repeat)
                        {
                            Fail(failures, $"repeat of {id}: {repeat.Code}");
                        }
                    }
                    else if (roll == 8)
                    {
                        var (id, _) = mine[r.Next(mine.Count)];
                        ledger.FailRefund(shop.ShopId, bill, id);
                    }
                    else if (worker == 0)
                    {
                        clock.Advance(TimeSpan.FromSeconds(r.Next(5, 40)));
                    }
                    else
                    {
                        ledger.GetRefund(shop.ShopId, bill, mine[0].Id);
                    }
                }

                lock (created)
                {
                    created.AddRange(mine);
                }
            });

            Assert.Empty(failures);
            var entry = ledger.Snapshot().Single(e => e.BillId == bill);
            Assert.Equal(created.OrderBy(c => c.Id, StringComparer.Ordinal), entry.Refunds.Select(x => (x.RefundId, x.Amount)).OrderBy(c => c.RefundId, StringComparer.Ordinal));
            var refunded = entry.Refunds.Where(x => x.Status != "fail").Sum(x => x.Amount);
            Assert.True(refunded <= amount, $"invoice {bill}: {refunded} refunded of {amount} paid");

            // The refundable total is the amount less the refunds that did not fail: exactly what is left is taken, a cent more is not.
            var left = amount - refunded;
            Assert.Equal(Contract.ResultCode.AmountTooLarge, ledger.CreateRefund(shop.ShopId, bill, "PROBE-OVER", left + 0.01m).Code);
            if (left >= 0.01m)
            {
                Assert.Equal(Contract.ResultCode.Success, ledger.CreateRefund(shop.ShopId, bill, "PROBE", left).Code);
            }
        }
    }

    /// <summary>A worker's creates for one shop: every id of the pool in its own order; some again, some with another amount.</summary>
    private static List<(string Bill, decimal Amount)> Plan(Random random, (string Bill, decimal Amount)[] pool)
    {
        var plan = new List<(string, decimal)>();
        foreach (var (bill, amount) in pool.OrderBy(_ => random.Next()))
        {
            plan.Add((bill, random.Next(8) == 0 ? amount + 0.01m : amount));
            if (random.Next(4) == 0)
            {
                plan.Add((bill, amount));
            }
        }

        return plan;
    }
}
