using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The monthly limit's running totals (per shop and Moscow month) against the simple reference they replaced (the
/// sum of every invoice of the shop issued in the month; a repeat of an existing invoice issues nothing and is never
/// refused for the limit): seeded random amounts, repeats, limits changed and removed, and the clock moved across months.
/// </summary>
public sealed class MonthlyLimitTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    [Fact]
    public async Task A_create_repeated_after_the_month_turned_gets_its_invoice_not_700()
    {
        // 31 March 2026, 23:59 in Moscow.
        await using var f = await SandboxFixture.StartAsync(now: new DateTimeOffset(2026, 3, 31, 20, 59, 0, TimeSpan.Zero));
        await f.PatchShopAsync(new { monthly_limit = 100m });
        var first = await f.CreateBillAsync("TURN-1", amount: 70m);
        await f.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(50m, (await f.CreateBillAsync("TURN-2", amount: 50m)).Amount);

        // The answer to TURN-1 was lost and the client repeats it in April, where 50 + 70 passes the limit: the repeat
        // issues nothing, so it gets the invoice (700 is final: the client would report a failure for an invoice that exists).
        Assert.Equal(first, await f.CreateBillAsync("TURN-1", amount: 70m));

        // A create that conflicts with an existing invoice is 215, whatever the limit; the limit itself still holds.
        Assert.Equal(ResultCode.InvoiceAlreadyExists, await ApiTests.Code(() => f.CreateBillAsync("TURN-1", amount: 80m)));
        Assert.Equal(ResultCode.MonthlyLimitExceeded, await ApiTests.Code(() => f.CreateBillAsync("TURN-3", amount: 50.01m)));

        // The limit lowered under what the month holds: a repeat still gets its invoice.
        await f.PatchShopAsync(new { monthly_limit = 10m });
        Assert.Equal(50m, (await f.CreateBillAsync("TURN-2", amount: 50m)).Amount);
    }

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
            if (!repeat && limit is { } l && counted + amount > l)
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
