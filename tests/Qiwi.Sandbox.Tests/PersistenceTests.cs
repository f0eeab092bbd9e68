using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>With a data file, invoices, refunds, notifications and the clock's advance survive a restart; without one, nothing is written.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task State_survives_a_restart_with_a_data_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        try
        {
            await using (var first = await SandboxHost.StartAsync(clock, o => Configure(o, file)))
            {
                var client = Client(first, clock);
                await client.CreateBillAsync("KEEP/1", "tel:+79031234567", 10m, "RUB", "kept", clock.GetUtcNow().AddDays(1));
                await client.CreateBillAsync("KEEP-2", "tel:+79031234567", 5m, "RUB", "kept", clock.GetUtcNow().AddDays(1));
                using var http = new HttpClient();
                (await http.PostAsync(new Uri(first.BaseUrl, "sandbox/control/bills/" + first.Shop.ShopId + "/KEEP%2F1/pay"), null)).EnsureSuccessStatusCode();
                await client.CreateRefundAsync("KEEP/1", "R1", 4m);
                (await http.PostAsync(new Uri(first.BaseUrl, "sandbox/control/clock/advance"), System.Net.Http.Json.JsonContent.Create(new { seconds = 60 }))).EnsureSuccessStatusCode();
            }

            await using var second = await SandboxHost.StartAsync(clock, o => Configure(o, file));
            var again = Client(second, clock);
            var paid = await again.GetBillStatusAsync("KEEP/1");
            var refund = await again.GetRefundStatusAsync("KEEP/1", "R1");
            using var log = new HttpClient();
            var notifications = await log.GetStringAsync(new Uri(second.BaseUrl, "sandbox/control/notifications"));

            Assert.Equal((BillStatus.Paid, "kept"), (paid.Status, paid.Comment));
            Assert.Equal((RefundStatus.Success, 4.00m), (refund.Status, refund.Amount));
            Assert.Equal(BillStatus.Waiting, (await again.GetBillStatusAsync("KEEP-2")).Status);
            Assert.Equal(ResultCode.AmountTooLarge, await ApiTests.Code(() => again.CreateRefundAsync("KEEP/1", "R2", 6.01m)));
            Assert.Equal(TimeSpan.FromSeconds(60), second.Clock.Offset);
            Assert.Contains("\"bill_id\":\"KEEP/1\"", notifications, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            File.Delete(Qiwi.Sandbox.Persistence.DataFileLock.PathFor(file));
        }
    }

    [Fact]
    public async Task A_notification_still_pending_at_a_restart_is_attempted_again_after_it()
    {
        var file = Path.Combine(Path.GetTempPath(), "qiwi-sandbox-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient();
        try
        {
            int before;
            await using (var first = await SandboxHost.StartAsync(clock, o => Configure(o, file)))
            {
                await Client(first, clock).CreateBillAsync("PEND-1", "tel:+79031234567", 10m, "RUB", "c", clock.GetUtcNow().AddDays(1));
                (await http.PostAsync(new Uri(first.BaseUrl, "sandbox/control/bills/" + first.Shop.ShopId + "/PEND-1/pay"), null)).EnsureSuccessStatusCode();

                // The merchant's port refuses: the first attempt fails and the next one waits.
                before = await AttemptsAsync(http, first, "PEND-1", atLeast: 1);
            }

            await using var second = await SandboxHost.StartAsync(clock, o => Configure(o, file));
            Assert.Equal(before, await AttemptsAsync(http, second, "PEND-1", atLeast: before));
            (await http.PostAsync(new Uri(second.BaseUrl, "sandbox/control/clock/advance"), System.Net.Http.Json.JsonContent.Create(new { seconds = 3600 }))).EnsureSuccessStatusCode();

            Assert.True(await AttemptsAsync(http, second, "PEND-1", atLeast: before + 1) > before);
        }
        finally
        {
            File.Delete(file);
            File.Delete(Qiwi.Sandbox.Persistence.DataFileLock.PathFor(file));
        }
    }

    /// <summary>The attempts made for the bill's notification, once there are at least <paramref name="atLeast"/> (or 10 s have passed).</summary>
    private static async Task<int> AttemptsAsync(HttpClient http, SandboxHost host, string billId, int atLeast)
    {
        var count = 0;
        for (var wait = 0; wait < 200; wait++)
        {
            using var log = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(host.BaseUrl, "sandbox/control/notifications")));
            count = log.RootElement.EnumerateArray()
                .Where(record => Property(record, "bill_id", "billId").GetString() == billId)
                .Sum(record => Property(record, "attempts", "attempts").GetArrayLength());
            if (count >= atLeast)
            {
                return count;
            }

            await Task.Delay(50);
        }

        return count;
    }

    private static System.Text.Json.JsonElement Property(System.Text.Json.JsonElement record, string snake, string camel)
        => record.TryGetProperty(snake, out var value) ? value : record.GetProperty(camel);

    [Fact]
    public async Task Without_a_data_file_a_restart_starts_empty()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using (var first = await SandboxHost.StartAsync(clock))
        {
            await Client(first, clock).CreateBillAsync("GONE-1", "tel:+79031234567", 10m, "RUB", "c", clock.GetUtcNow().AddDays(1));
        }

        await using var second = await SandboxHost.StartAsync(clock);

        Assert.Equal(ResultCode.InvoiceNotFound, await ApiTests.Code(() => Client(second, clock).GetBillStatusAsync("GONE-1")));
    }

    private static void Configure(Shops.SandboxOptions options, string file)
    {
        options.DataFile = file;
        var shop = Shops.SandboxOptions.TestShop;
        shop.NotificationUrl = new Uri("http://127.0.0.1:9/notify");
        options.Shops.Add(shop);
    }

    /// <summary>A client of the host's shop on <paramref name="clock"/>, one attempt per call (shared with ClockAttackTests).</summary>
    internal static QiwiPullClient Client(SandboxHost host, TimeProvider clock) => new(new HttpClient(), new QiwiPullClientOptions
    {
        SandboxBaseUrl = host.BaseUrl,
        ShopId = host.Shop.ShopId,
        ApiId = host.Shop.ApiId,
        ApiPassword = host.Shop.ApiPassword,
        TimeProvider = clock,
        Retry = new QiwiRetryOptions { MaxAttempts = 1 },
    });
}
