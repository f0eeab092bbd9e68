using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The monthly limit's running totals (per shop and Moscow month) against the simple reference they replaced (the
/// sum of every invoice of the shop issued in the month, less the one a create repeats): seeded random amounts,
/// repeats, limits changed and removed, and the clock moved across months.
/// </summary>
public sealed class MonthlyLimitTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task The_running_totals_refuse_and_accept_exactly_as_the_sum_over_the_months_invoices(int seed)
    {
        var random = new Random(seed);
        await using var f = await SandboxFixture.StartAsync(now: new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero));
        var issued = new Dictionary<string, (decimal Amount, (int, int) Month)>();
        decimal? limit = null;
        var (accepted, refused) = (0, 0);

        for (var step = 0; step < 70; step++)
        {
            var roll = random.Next(10);
            if (roll == 0)
            {
                limit = random.Next(4) == 0 ? null : random.Next(200, 1500);
                await f.PatchShopAsync(new { monthly_limit = limit ?? 0m });   // 0 removes it
                continue;
            }

            if (roll == 1)
            {
                await f.AdvanceAsync(TimeSpan.FromDays(random.Next(3, 12)));
                continue;
            }

            var month = MonthOf(f.Host.Clock.GetUtcNow());
            var repeat = roll == 2 && issued.Count > 0;
            var id = repeat ? issued.Keys.ElementAt(random.Next(issued.Count)) : "LIM-" + step;
            var amount = repeat ? issued[id].Amount : random.Next(100, 40000) / 100m;
            var counted = issued.Where(i => i.Key != id && i.Value.Month == month).Sum(i => i.Value.Amount);
            if (limit is { } l && counted + amount > l)
            {
                Assert.Equal(ResultCode.MonthlyLimitExceeded, await ApiTests.Code(() => f.CreateBillAsync(id, amount: amount)));
                refused++;
            }
            else
            {
                Assert.Equal(amount, (await f.CreateBillAsync(id, amount: amount)).Amount);
                issued.TryAdd(id, (amount, month));
                accepted++;
            }
        }

        Assert.True(accepted > 5 && refused > 5, $"accepted {accepted}, refused {refused}: the seed exercised both sides");
    }

    private static (int, int) MonthOf(DateTimeOffset at) => (at.ToOffset(Moscow).Year, at.ToOffset(Moscow).Month);
}
