using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The invoice's running refundable total against the simple reference it replaced (the amount less the sum of every
/// refund that did not fail): seeded random refunds, repeats, failures through the control API, settlement to success,
/// fail or never, and clock moves. Before each new refund the ledger is read back (which settles whatever is due) and
/// the reference computed from it; a refund of exactly what is left, a cent more, or a random part must then be
/// accepted or refused (242) as the reference says.
/// </summary>
public sealed class RefundableTotalTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task The_running_total_refuses_and_accepts_exactly_as_the_sum_over_the_refunds(int seed)
    {
        var random = new Random(seed);
        await using var f = await SandboxFixture.StartAsync(refundSettleDelay: TimeSpan.FromMinutes(1));
        var bill = "TOTAL-0";
        await f.CreateBillAsync(bill, amount: 100m);
        await f.PayAsync(bill);
        var refunds = new List<(string Id, decimal Amount)>();
        var (accepted, refused) = (0, 0);

        for (var step = 0; step < 120; step++)
        {
            switch (random.Next(8))
            {
                case 0:
                    await f.PatchShopAsync(new { refund_outcome = new[] { "success", "fail", "fail", "processing" }[random.Next(4)] });
                    break;
                case 1 or 2:
                    f.Clock.Advance(TimeSpan.FromSeconds(random.Next(20, 90)));
                    break;
                case 3 when refunds.Count > 0:
                    var failed = refunds[random.Next(refunds.Count)];
                    using (var response = await f.ControlAsync($"refunds/{f.ShopId}/{bill}/{failed.Id}/fail"))
                    {
                        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, response.StatusCode.ToString());
                    }

                    break;
                case 4 when refunds.Count > 0:
                    var repeated = refunds[random.Next(refunds.Count)];
                    Assert.Equal(repeated.Amount, (await f.Client.CreateRefundAsync(bill, repeated.Id, repeated.Amount)).Amount);
                    break;
                default:
                    var entry = (await f.LedgerAsync()).Single(e => e.BillId == bill);
                    var left = entry.Amount - entry.Refunds.Where(r => r.Status != "fail").Sum(r => r.Amount);
                    var amount = random.Next(4) switch
                    {
                        0 => left,
                        1 => left + 0.01m,
                        _ => Math.Max(0.01m, decimal.Round(Math.Min(left, 20m) * (decimal)random.NextDouble(), 2)),
                    };
                    var id = "R" + step;
                    if (left < 1m)
                    {
                        // Little left: go on with a new paid invoice (a refund of 0 would be a form error, 5).
                        bill = "TOTAL-" + step;
                        await f.CreateBillAsync(bill, amount: 100m);
                        await f.PayAsync(bill);
                        refunds.Clear();
                        break;
                    }

                    if (amount > left)
                    {
                        Assert.Equal(ResultCode.AmountTooLarge, await ApiTests.Code(() => f.Client.CreateRefundAsync(bill, id, amount)));
                        refused++;
                    }
                    else
                    {
                        Assert.Equal(amount, (await f.Client.CreateRefundAsync(bill, id, amount)).Amount);
                        refunds.Add((id, amount));
                        accepted++;
                    }

                    break;
            }
        }

        Assert.True(accepted > 3 && refused > 3, $"accepted {accepted}, refused {refused}: the seed exercised both sides");
    }
}
