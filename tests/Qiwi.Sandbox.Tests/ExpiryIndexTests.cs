using System.Text.Json;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The ledger's expiry index (a heap of expiry instants) against the simple reference it replaced (walk every invoice
/// and expire the waiting ones whose lifetime has passed): seeded random lifetimes, payments, cancels and clock moves;
/// what the notification log says expired (the log is read without touching the invoices, so only the sweep or time
/// travel can have expired them) must be exactly what the reference says, and under time travel at the very instant.
/// </summary>
public sealed class ExpiryIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Time_travel_expires_exactly_the_waiting_invoices_whose_lifetime_passed_each_at_its_lifetime(int seed)
    {
        var random = new Random(seed);
        await using var merchant = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = merchant.Url);
        var start = f.Host.Clock.GetUtcNow();
        var invoices = await CreateRandomAsync(f, random, start, count: 40);

        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(11))
        {
            var step = TimeSpan.FromMinutes(random.Next(0, 150)) + TimeSpan.FromSeconds(random.Next(0, 60));
            if (step == TimeSpan.Zero)
            {
                continue;
            }

            await f.AdvanceAsync(step);
            elapsed += step;
            var expired = await ExpiredInLogAsync(f);
            var expected = invoices.Where(i => i.Value.Waiting && i.Value.Lifetime <= start + elapsed).ToDictionary(i => i.Key, i => i.Value.Lifetime);
            Assert.Equal(expected.Keys.Order(), expired.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value, expired[e.Key]));
        }

        foreach (var (id, invoice) in invoices)
        {
            Assert.Equal(invoice.Waiting ? BillStatus.Expired : invoice.Final, (await f.Client.GetBillStatusAsync(id)).Status);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task The_sweep_expires_exactly_the_waiting_invoices_whose_lifetime_passed(int seed)
    {
        var random = new Random(seed);
        await using var merchant = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = merchant.Url);
        var start = f.Host.Clock.GetUtcNow();
        var invoices = await CreateRandomAsync(f, random, start, count: 30);

        var elapsed = TimeSpan.Zero;
        for (var round = 0; round < 4; round++)
        {
            // The fake clock's one-second timer runs the sweep; nothing reads an invoice until the log shows the expected set.
            var step = TimeSpan.FromMinutes(random.Next(30, 180));
            f.Clock.Advance(step);
            elapsed += step;
            var expected = invoices.Where(i => i.Value.Waiting && i.Value.Lifetime <= start + elapsed).Select(i => i.Key).Order().ToList();
            var expired = (await ExpiredInLogAsync(f)).Keys.Order().ToList();
            for (var tick = 0; tick < 500 && !expected.SequenceEqual(expired); tick++)
            {
                await Task.Delay(10);
                f.Clock.Advance(TimeSpan.FromSeconds(1));   // a sweep skipped while the previous one was still delivering runs on the next tick
                elapsed += TimeSpan.FromSeconds(1);
                expired = (await ExpiredInLogAsync(f)).Keys.Order().ToList();
                expected = invoices.Where(i => i.Value.Waiting && i.Value.Lifetime <= start + elapsed).Select(i => i.Key).Order().ToList();
            }

            Assert.Equal(expected, expired);
        }
    }

    /// <summary>Invoices with random lifetimes (some equal), a random part of them paid or cancelled at once.</summary>
    private static async Task<Dictionary<string, (DateTimeOffset Lifetime, bool Waiting, BillStatus Final)>> CreateRandomAsync(SandboxFixture f, Random random, DateTimeOffset start, int count)
    {
        var invoices = new Dictionary<string, (DateTimeOffset, bool, BillStatus)>();
        for (var i = 0; i < count; i++)
        {
            var id = "EXPI-" + i;
            var lifetime = start + TimeSpan.FromMinutes(random.Next(1, 86) * 7);   // multiples of 7 minutes: some invoices share an instant
            await f.Client.CreateBillAsync(id, "tel:+79031234567", 10m, "RUB", "c", lifetime);
            switch (random.Next(6))
            {
                case 0:
                    await f.PayAsync(id);
                    invoices[id] = (lifetime, false, BillStatus.Paid);
                    break;
                case 1:
                    await f.Client.CancelBillAsync(id);
                    invoices[id] = (lifetime, false, BillStatus.Rejected);
                    break;
                default:
                    invoices[id] = (lifetime, true, BillStatus.Expired);
                    break;
            }
        }

        return invoices;
    }

    /// <summary>The notification log's expired invoices and when each expired (its first attempt is made at that moment).</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> ExpiredInLogAsync(SandboxFixture f)
        => (await f.ControlGetAsync("notifications")).EnumerateArray()
            .Where(n => n.GetProperty("status").GetString() == "expired")
            .ToDictionary(n => n.GetProperty("bill_id").GetString()!, n => n.GetProperty("first_attempt_at").GetDateTimeOffset());
}
