using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>Refund arithmetic across partial refunds, idempotent repeats, settlement, failure, and concurrency.</summary>
public sealed class RefundTests
{
    [Fact]
    public async Task Partial_refunds_add_up_and_an_over_refund_is_242()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("REF-1", amount: 10m);
        await f.PayAsync("REF-1");

        var first = await f.Client.CreateRefundAsync("REF-1", "R1", 4m);
        var second = await f.Client.CreateRefundAsync("REF-1", "R2", 5.5m);
        var repeat = await f.Client.CreateRefundAsync("REF-1", "R1", 4m);

        Assert.Equal((RefundStatus.Success, 4.00m), (first.Status, first.Amount));
        Assert.Equal(5.50m, second.Amount);
        Assert.Equal(first, repeat);
        Assert.Equal(ResultCode.AmountTooLarge, await ApiTests.Code(() => f.Client.CreateRefundAsync("REF-1", "R3", 0.51m)));
        Assert.Equal(ResultCode.IncorrectData, await ApiTests.Code(() => f.Client.CreateRefundAsync("REF-1", "R1", 1m)));
        Assert.Equal(0.50m, (await f.Client.CreateRefundAsync("REF-1", "R3", 0.5m)).Amount);
        Assert.Equal(ResultCode.InvoiceNotFound, await ApiTests.Code(() => f.Client.GetRefundStatusAsync("REF-1", "R9")));
    }

    [Fact]
    public async Task A_refund_settles_on_the_clock_and_a_failed_one_frees_its_amount()
    {
        await using var f = await SandboxFixture.StartAsync(refundSettleDelay: TimeSpan.FromMinutes(5));
        await f.CreateBillAsync("REF-2", amount: 10m);
        await f.PayAsync("REF-2");

        var processing = await f.Client.CreateRefundAsync("REF-2", "A", 10m);
        Assert.Equal(RefundStatus.Processing, processing.Status);
        (await f.ControlAsync($"refunds/{f.ShopId}/REF-2/A/fail")).EnsureSuccessStatusCode();
        Assert.Equal(RefundStatus.Fail, (await f.Client.GetRefundStatusAsync("REF-2", "A")).Status);

        var next = await f.Client.CreateRefundAsync("REF-2", "B", 10m);
        Assert.Equal(RefundStatus.Processing, next.Status);
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(RefundStatus.Success, (await f.Client.GetRefundStatusAsync("REF-2", "B")).Status);
    }

    [Fact]
    public async Task Concurrent_refunds_never_exceed_the_amount_paid()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("REF-3", amount: 10m);
        await f.PayAsync("REF-3");

        var attempts = Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                return (await f.Client.CreateRefundAsync("REF-3", "P" + i, 1m)).Amount;
            }
            catch (Qiwi.Runtime.QiwiApiException error) when ((ResultCode)error.ResultCode == ResultCode.AmountTooLarge)
            {
                return 0m;
            }
        });
        var refunded = await Task.WhenAll(attempts);

        Assert.Equal(10m, refunded.Sum());
        Assert.Equal(10, refunded.Count(a => a > 0));
    }

    [Fact]
    public async Task The_same_refund_sent_twice_at_once_refunds_once()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("REF-4", amount: 10m);
        await f.PayAsync("REF-4");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => f.Client.CreateRefundAsync("REF-4", "ONCE", 6m)));

        Assert.All(results, r => Assert.Equal(6m, r.Amount));
        Assert.Equal(ResultCode.AmountTooLarge, await ApiTests.Code(() => f.Client.CreateRefundAsync("REF-4", "MORE", 4.01m)));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_bill_make_one_invoice()
    {
        await using var f = await SandboxFixture.StartAsync();

        var bills = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => f.CreateBillAsync("SAME")));

        Assert.All(bills, b => Assert.Equal(bills[0], b));
    }
}
