using Microsoft.Extensions.Time.Testing;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Shops;
using Contract = Qiwi.Sandbox.Contract;
using static Qiwi.Sandbox.Tests.RaceWorkers;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A shop's settings change as a whole: a create racing <c>PATCH /sandbox/control/shops</c> is checked against the
/// settings before the patch or after it, never against some fields of each; patches of different fields racing each
/// other both end applied; the shop listing of the control API shows settings one patch wrote, whole. Inputs are seeded;
/// the interleaving is not, the verdict is.
/// </summary>
public sealed class ShopSnapshotRaceTests
{
    private const string Anyone = "tel:+79030000000";

    private const string BlockedInA = "tel:+79030000001";

    private const string BlockedInB = "tel:+79030000002";

    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Small roubles, no limit.</summary>
    private static readonly ShopSettingsPatch A = new() { Currencies = ["RUB"], MinAmount = 1m, MaxAmount = 10m, BlockedPayers = [BlockedInA], MonthlyLimit = 0m };

    /// <summary>Large euros under a limit nothing fits in.</summary>
    private static readonly ShopSettingsPatch B = new() { Currencies = ["EUR"], MinAmount = 100m, MaxAmount = 1000m, BlockedPayers = [BlockedInB], MonthlyLimit = 0.01m };

    /// <summary>Creates that A and B each refuse (with these codes), and that some mix of their fields admits.</summary>
    private static readonly (string User, decimal Amount, string Currency, Contract.ResultCode UnderA, Contract.ResultCode UnderB)[] MixOnly =
    {
        (Anyone, 50m, "RUB", Contract.ResultCode.AmountTooLarge, Contract.ResultCode.CurrencyNotAllowed),      // A's currency, B's bounds
        (Anyone, 500m, "RUB", Contract.ResultCode.AmountTooLarge, Contract.ResultCode.CurrencyNotAllowed),     // A's currency and minimum, B's maximum
        (Anyone, 5m, "EUR", Contract.ResultCode.CurrencyNotAllowed, Contract.ResultCode.AmountTooSmall),       // B's currency, A's bounds
        (Anyone, 50m, "EUR", Contract.ResultCode.CurrencyNotAllowed, Contract.ResultCode.AmountTooSmall),      // B's currency and maximum, A's minimum
        (BlockedInA, 5m, "RUB", Contract.ResultCode.UserAccountTemporarilyBlocked, Contract.ResultCode.CurrencyNotAllowed),  // A's amounts, B's payers
        (BlockedInB, 500m, "EUR", Contract.ResultCode.CurrencyNotAllowed, Contract.ResultCode.UserAccountTemporarilyBlocked), // B's amounts, A's payers
        (Anyone, 500m, "EUR", Contract.ResultCode.CurrencyNotAllowed, Contract.ResultCode.MonthlyLimitExceeded),             // B's amounts, A's (no) limit
    };

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public void A_create_racing_patches_between_two_settings_is_checked_against_one_of_them_whole(int seed)
    {
        var random = new Random(seed);
        var shop = new SandboxShop { ShopId = 21 };
        A.ApplyTo(shop);
        var ledger = new SandboxLedger(new FakeTimeProvider(Start), new SandboxOptions { Shops = [shop] });
        var failures = new List<string>();

        // Two workers patch A or B at random, two create what only a mix of them would admit.
        Overlap(random.Next(), patchers: 2, checkers: 2, checksEach: 100_000, r => (r.Next(2) == 0 ? A : B).ApplyTo(shop), (worker, r, n) =>
        {
            var (user, amount, currency, underA, underB) = MixOnly[r.Next(MixOnly.Length)];
            var result = ledger.Create(shop, $"W{worker}-{n}", user, amount, currency, "mix", Start.AddDays(1), Contract.PaySource.QiwiWallet, null);
            if (result.Value is not null || (result.Code != underA && result.Code != underB))
            {
                Fail(failures, $"{amount} {currency} from {user}: {(result.Value is null ? result.Code.ToString() : "admitted")}, where A gives {underA} and B {underB}");
            }
        });

        Assert.Empty(failures);
        Assert.Empty(ledger.Snapshot());
        Assert.Contains(Settings(shop), new[] { Expected(A), Expected(B) });
    }

    [Theory]
    [InlineData(95)]
    [InlineData(96)]
    public void Patches_of_one_bound_each_never_leave_the_minimum_above_the_maximum(int seed)
    {
        var shop = new SandboxShop { ShopId = 23, MinAmount = 1m, MaxAmount = 100m };
        var failures = new List<string>();
        var refused = 0;

        // One worker moves only the minimum, one only the maximum, over the same range: each patch is checked against the
        // bound the other left, at the moment it is applied, so some are refused and none lands a crossed pair.
        Overlap(seed, patchers: 2, checkers: 2, checksEach: 50_000, r =>
        {
            var value = r.Next(1, 101);
            var patch = Interlocked.Increment(ref refused) % 2 == 0 ? new ShopSettingsPatch { MinAmount = value } : new ShopSettingsPatch { MaxAmount = value };
            try
            {
                patch.ApplyTo(shop);
            }
            catch (ArgumentException)
            {
                // Refused whole; the next patch goes on from the settings as they are.
            }
        }, (worker, r, n) =>
        {
            var settings = shop.Settings;
            if (settings.MinAmount > settings.MaxAmount)
            {
                Fail(failures, $"min {settings.MinAmount} above max {settings.MaxAmount}");
            }
        });

        Assert.Empty(failures);
        Assert.True(shop.MinAmount <= shop.MaxAmount);
        Assert.Throws<ArgumentException>(() => new ShopSettingsPatch { MinAmount = shop.MaxAmount + 0.01m }.ApplyTo(shop));
    }

    [Theory]
    [InlineData(91)]
    [InlineData(92)]
    public void Patches_of_different_fields_at_once_all_end_applied(int seed)
    {
        const int Rounds = 2_000;
        var random = new Random(seed);
        var shop = new SandboxShop { ShopId = 22 };
        var plans = Enumerable.Range(0, Rounds).Select(_ => Enumerable.Range(0, 4).Select(_ => random.Next(1, 5)).ToArray()).ToArray();
        var failures = new List<string>();

        // Each worker owns fields: min_amount, currencies, blocked_payers by PATCH; max_amount and the notification URL by the
        // shop's own setters. Each writes its fields a few times per round, the last write being the round's value.
        Run(4, worker =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                Sync();
                for (var write = plans[round][worker]; write > 0; write--)
                {
                    var value = write == 1 ? round : -1 - write;
                    switch (worker)
                    {
                        case 0:
                            new ShopSettingsPatch { MinAmount = Math.Abs(value) }.ApplyTo(shop);
                            break;
                        case 1:
                            new ShopSettingsPatch { Currencies = ["C" + value] }.ApplyTo(shop);
                            break;
                        case 2:
                            new ShopSettingsPatch { BlockedPayers = ["tel:+7" + value] }.ApplyTo(shop);
                            break;
                        default:
                            shop.MaxAmount = 1_000_000m + value;
                            shop.NotificationUrl = new Uri("http://merchant.invalid/" + value);
                            break;
                    }
                }

                Sync();
                if (worker == 0)
                {
                    var seen = (shop.MinAmount, string.Join(",", shop.Currencies), string.Join(",", shop.BlockedPayers), shop.MaxAmount, shop.NotificationUrl?.AbsolutePath);
                    var written = ((decimal)round, "C" + round, "tel:+7" + round, 1_000_000m + round, "/" + round);
                    if (seen != written)
                    {
                        Fail(failures, $"round {round}: the shop holds {seen}, the last writes were {written}");
                    }
                }
            }
        });

        Assert.Empty(failures);
    }

    [Fact]
    public void The_shop_listing_serialized_while_patches_race_shows_one_patch_whole()
    {
        var shop = new SandboxShop { ShopId = 23 };
        var options = new SandboxOptions { Shops = [shop] };
        A.ApplyTo(shop);
        var written = new[] { Expected(A), Expected(B) };
        var failures = new List<string>();

        // One worker patches A and B in turn; two serialize the listing GET /sandbox/control/shops answers, as it does.
        var turn = 0;
        Overlap(seed: 0, patchers: 1, checkers: 2, checksEach: 2_000, _ => (turn++ % 2 == 0 ? B : A).ApplyTo(shop), (_, _, _) =>
        {
            var json = System.Text.Json.JsonSerializer.SerializeToElement(Control.ControlEndpoints.Shops(options), Control.SandboxControlJson.Options);
            var seen = Settings(json.EnumerateArray().Single());
            if (!written.Contains(seen))
            {
                Fail(failures, "listed " + seen);
            }
        });

        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_control_api_shows_settings_one_patch_wrote_whole_while_patches_race()
    {
        const int Requests = 300;
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(A);
        var written = new[] { Expected(A), Expected(B) };
        var failures = new List<string>();

        // Two workers patch A and B in turn (each answer is the settings it left), two read the shops (GET).
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < Requests; i++)
            {
                var shop = worker < 2
                    ? await f.PatchShopAsync((i + worker) % 2 == 0 ? A : B)
                    : (await f.ControlGetAsync("shops")).EnumerateArray().Single();
                var seen = Settings(shop);
                if (!written.Contains(seen))
                {
                    Fail(failures, $"{(worker < 2 ? "PATCH" : "GET")} answered {seen}");
                }
            }
        })));

        Assert.Empty(failures);
    }

    /// <summary>
    /// Runs <paramref name="patch"/> on <paramref name="patchers"/> workers and <paramref name="check"/> (worker, random, step)
    /// on <paramref name="checkers"/> others, all at once: the patchers patch until the checkers are done, and each checker
    /// makes <paramref name="checksEach"/> checks and goes on until the patchers have made 1,000 patches, so the two
    /// overlap whatever the scheduling (bounded: a checker stops after 20 s whatever the counts, and the test then fails).
    /// </summary>
    private static void Overlap(int seed, int patchers, int checkers, int checksEach, Action<Random> patch, Action<int, Random, int> check)
    {
        const int MinPatches = 1_000;
        var random = new Random(seed);
        var seeds = Enumerable.Range(0, patchers + checkers).Select(_ => random.Next()).ToArray();
        var checking = checkers;
        var patches = 0;
        var checks = 0;
        var bound = System.Diagnostics.Stopwatch.StartNew();
        Run(patchers + checkers, worker =>
        {
            var r = new Random(seeds[worker]);
            if (worker < patchers)
            {
                while (Volatile.Read(ref checking) > 0)
                {
                    patch(r);
                    Interlocked.Increment(ref patches);
                }

                return;
            }

            try
            {
                for (var n = 0; (n < checksEach || Volatile.Read(ref patches) < MinPatches) && bound.Elapsed < TimeSpan.FromSeconds(20); n++)
                {
                    check(worker, r, n);
                    Interlocked.Increment(ref checks);
                }
            }
            finally
            {
                Interlocked.Decrement(ref checking);
            }
        });

        Assert.True(patches >= MinPatches && checks >= checkers * checksEach, $"{patches} patches and {checks} checks overlapped");
    }

    private static string Expected(ShopSettingsPatch patch)
        => $"{string.Join(",", patch.Currencies!)} {patch.MinAmount}..{patch.MaxAmount} blocked {string.Join(",", patch.BlockedPayers!)} limit {(patch.MonthlyLimit > 0 ? patch.MonthlyLimit : null)}";

    private static string Settings(SandboxShop shop)
        => $"{string.Join(",", shop.Currencies)} {shop.MinAmount}..{shop.MaxAmount} blocked {string.Join(",", shop.BlockedPayers)} limit {shop.MonthlyLimit}";

    private static string Settings(System.Text.Json.JsonElement shop)
    {
        static string List(System.Text.Json.JsonElement list) => string.Join(",", list.EnumerateArray().Select(e => e.GetString()));
        var limit = shop.GetProperty("monthly_limit");
        return $"{List(shop.GetProperty("currencies"))} {shop.GetProperty("min_amount").GetDecimal()}..{shop.GetProperty("max_amount").GetDecimal()} "
            + $"blocked {List(shop.GetProperty("blocked_payers"))} limit {(limit.ValueKind == System.Text.Json.JsonValueKind.Null ? null : limit.GetDecimal())}";
    }
}
