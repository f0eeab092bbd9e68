using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// As the docs describe the service: a lifetime is never refused. One already past gives an invoice that is void
/// at once (final status); one beyond 45 days is cut to 45 days.
/// </summary>
public sealed class LifetimeTests
{
    [Fact]
    public async Task A_lifetime_in_the_past_is_accepted_and_the_invoice_is_expired_at_once()
    {
        await using var f = await SandboxFixture.StartAsync();
        var created = await f.Client.CreateBillAsync("PAST-1", "tel:+79031234567", 10m, "RUB", "c", f.Clock.GetUtcNow().AddMinutes(-5));

        Assert.Equal("PAST-1", created.BillId);
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("PAST-1")).Status);
    }

    [Fact]
    public async Task A_lifetime_beyond_45_days_is_accepted_and_cut_to_45_days()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.Client.CreateBillAsync("FAR-1", "tel:+79031234567", 10m, "RUB", "c", f.Clock.GetUtcNow().AddDays(90));

        f.Clock.Advance(TimeSpan.FromDays(45) - TimeSpan.FromSeconds(1));
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("FAR-1")).Status);
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("FAR-1")).Status);
    }
}
