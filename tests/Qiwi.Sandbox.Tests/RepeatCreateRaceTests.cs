using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;
using Contract = Qiwi.Sandbox.Contract;
using static Qiwi.Sandbox.Tests.RaceWorkers;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A create of an id the shop already has issues nothing: it gets that invoice when it asks for the same one, else 215,
/// whatever the shop's conditions say now. Here workers create the same id at once, with the same data or another
/// (another amount or comment), while they also patch the shop's conditions (currencies, amount bounds, a blocked payer,
/// the monthly limit) under each other. Afterwards: at most one invoice holds the id; every create that got an invoice
/// got that one, with its own data; no create with other data got one; a repeat under conditions that refuse every new
/// invoice still gets it (and other data still 215); and the shop's running total is the sum of the invoices it holds
/// (a refused or repeated create is never counted). Inputs are seeded; the interleaving is not, the verdict is.
/// </summary>
public sealed class RepeatCreateRaceTests
{
    private const int Workers = 4;

    private const string Payer = "tel:+79031234567";

    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Patches a worker applies between its creates: each one lets new invoices in or keeps them out. A patch that keeps
    /// them out by an amount bound sets both bounds, as one that would leave the minimum above the maximum is refused.
    /// </summary>
    private static readonly ShopSettingsPatch[] Patches =
    {
        new() { Currencies = ["RUB"] },
        new() { Currencies = ["KZT"] },
        new() { MinAmount = 0.01m },
        new() { MinAmount = 10_000m, MaxAmount = 1_000_000m },
        new() { MaxAmount = 1_000_000m },
        new() { MinAmount = 0.01m, MaxAmount = 1m },
        new() { BlockedPayers = [] },
        new() { BlockedPayers = [Payer] },
        new() { MonthlyLimit = 0m },
        new() { MonthlyLimit = 0.01m },
        new() { MonthlyLimit = 100_000_000m },
    };

    /// <summary>Keeps every new invoice out at once.</summary>
    private static readonly ShopSettingsPatch Hostile = new() { Currencies = ["KZT"], MinAmount = 10_000m, MaxAmount = 1_000_000m, BlockedPayers = [Payer], MonthlyLimit = 0.01m };

    /// <summary>Lets every new invoice in, up to a monthly limit set per check.</summary>
    private static readonly ShopSettingsPatch Open = new() { Currencies = ["RUB"], MinAmount = 0.01m, MaxAmount = 1_000_000m, BlockedPayers = [] };

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    public void Creates_of_one_id_at_once_while_the_shops_conditions_change_all_get_the_one_invoice_or_215(int seed)
    {
        const int Rounds = 200;
        var random = new Random(seed);
        var shop = new SandboxShop { ShopId = 11 };
        var ledger = new SandboxLedger(new FakeTimeProvider(Start), new SandboxOptions { Shops = [shop] });
        var failures = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var bill = "C" + round;
            var amount = random.Next(1_000, 50_000) / 100m;
            (decimal Amount, string Comment)[] variants = random.Next(2) == 0
                ? [(amount, "a"), (amount + 0.01m, "a")]
                : [(amount, "a"), (amount, "b")];
            Open.ApplyTo(shop);
            Patches[random.Next(Patches.Length)].ApplyTo(shop);
            var seeds = Enumerable.Range(0, Workers).Select(_ => random.Next()).ToArray();
            var answers = new List<((decimal Amount, string Comment) Asked, LedgerResult<Contract.Bill> Result)>();

            Run(Workers, worker =>
            {
                var r = new Random(seeds[worker]);
                var mine = new List<((decimal, string), LedgerResult<Contract.Bill>)>();
                for (var step = 0; step < 6; step++)
                {
                    if (r.Next(3) == 0)
                    {
                        Patches[r.Next(Patches.Length)].ApplyTo(shop);
                    }

                    var asked = variants[r.Next(2)];
                    mine.Add((asked, ledger.Create(shop, bill, Payer, asked.Amount, "RUB", asked.Comment, Start.AddDays(1), Contract.PaySource.QiwiWallet, null)));
                }

                lock (answers)
                {
                    answers.AddRange(mine);
                }
            });

            var held = ledger.Get(shop.ShopId, bill).Value;
            var heldData = held is null ? default : (held.Amount, held.Comment);
            foreach (var (asked, result) in answers)
            {
                if (result.Value is { } got && (held is null || asked != heldData || got.Amount != held.Amount || got.Comment != held.Comment))
                {
                    Fail(failures, $"{bill}: a create of {asked} got an invoice of ({got.Amount}, {got.Comment}); the ledger holds {(held is null ? "none" : heldData)}");
                }
                else if (result.Value is null && held is not null && asked == heldData && result.Code == Contract.ResultCode.InvoiceAlreadyExists)
                {
                    Fail(failures, $"{bill}: a create of {asked}, the held invoice's own data, got 215");
                }
                else if (result.Value is null && result.Code is not (Contract.ResultCode.InvoiceAlreadyExists or Contract.ResultCode.CurrencyNotAllowed or Contract.ResultCode.AmountTooSmall
                    or Contract.ResultCode.AmountTooLarge or Contract.ResultCode.UserAccountTemporarilyBlocked or Contract.ResultCode.MonthlyLimitExceeded))
                {
                    Fail(failures, $"{bill}: a create of {asked} got unexpected {result.Code}");
                }
            }

            // A repeat after a lost answer, under conditions that would refuse any new invoice: the held one, or 215 for other data.
            if (held is not null)
            {
                Hostile.ApplyTo(shop);
                foreach (var asked in variants)
                {
                    var again = ledger.Create(shop, bill, Payer, asked.Amount, "RUB", asked.Comment, Start.AddDays(1), Contract.PaySource.QiwiWallet, null);
                    var expected = asked == heldData ? Contract.ResultCode.Success : Contract.ResultCode.InvoiceAlreadyExists;
                    if (again.Code != expected || (again.Value is { } repeated && (repeated.Amount, repeated.Comment) != heldData))
                    {
                        Fail(failures, $"{bill}: a repeat of {asked} under refusing conditions got {again.Code}, expected {expected}");
                    }
                }
            }
        }

        Assert.Empty(failures);
        var invoices = ledger.Snapshot().Where(e => e.ShopId == shop.ShopId).ToList();
        Assert.True(invoices.Count > Rounds / 4, $"only {invoices.Count} of {Rounds} ids were issued: the seed kept the creates out");

        // The running total is the sum of the invoices held: exactly what is left under a limit is admitted, a cent more is not.
        var sum = invoices.Sum(e => e.Amount);
        Open.ApplyTo(shop);
        new ShopSettingsPatch { MonthlyLimit = sum + 1m }.ApplyTo(shop);
        Assert.Equal(Contract.ResultCode.MonthlyLimitExceeded, ledger.Create(shop, "PROBE-OVER", Payer, 1.01m, "RUB", "probe", Start.AddDays(1), Contract.PaySource.QiwiWallet, null).Code);
        Assert.Equal(Contract.ResultCode.Success, ledger.Create(shop, "PROBE", Payer, 1m, "RUB", "probe", Start.AddDays(1), Contract.PaySource.QiwiWallet, null).Code);
    }
}
