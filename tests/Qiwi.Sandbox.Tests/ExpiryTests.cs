using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>Lifetimes expire on the sandbox's clock, and no invoice outlives 45 days.</summary>
public sealed class ExpiryTests
{
    [Fact]
    public async Task A_waiting_invoice_expires_when_its_lifetime_passes()
    {
        await using var f = await SandboxFixture.StartAsync();
        var now = f.Clock.GetUtcNow();
        await f.Client.CreateBillAsync("EXP-1", "tel:+79031234567", 10m, "RUB", "c", now.AddHours(1));

        f.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("EXP-1")).Status);
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("EXP-1")).Status);
        Assert.Equal(ResultCode.OperationForbidden, await ApiTests.Code(() => f.Client.CancelBillAsync("EXP-1")));
    }

    [Fact]
    public async Task An_invoice_expires_after_45_days_at_the_latest()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.Client.CreateBillAsync("EXP-2", "tel:+79031234567", 10m, "RUB", "c", f.Clock.GetUtcNow().AddDays(45));

        f.Clock.Advance(TimeSpan.FromDays(45) - TimeSpan.FromSeconds(1));
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("EXP-2")).Status);
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("EXP-2")).Status);
    }
}
