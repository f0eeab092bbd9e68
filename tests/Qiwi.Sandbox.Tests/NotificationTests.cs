using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Qiwi.AspNetCore;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The sandbox posts final statuses to the shop's URL, signed or with Basic authorization; a merchant endpoint
/// built with Qiwi.AspNetCore verifies them with the runtime; failures are repeated on the sandbox's clock.
/// </summary>
public sealed class NotificationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_paid_invoice_is_notified_and_verified_by_the_merchant(bool signed)
    {
        await using var merchant = await Merchant.StartAsync(signed, failures: 0);
        await using var f = await SandboxFixture.StartAsync(shop: s => { s.NotificationUrl = merchant.Url; s.SignNotifications = signed; });

        await f.CreateBillAsync("NOTE-1", amount: 12.5m);
        await f.PayAsync("NOTE-1");

        var notification = await merchant.NextAsync();
        Assert.Equal(("NOTE-1", BillStatus.Paid, 12.50m, "RUB", "tel:+79031234567", "bill"), (notification.BillId, notification.Status, notification.Amount, notification.Currency, notification.User, notification.Command));
        await WaitFor(async () => (await f.NotificationLogAsync()).Contains("\"delivered\":true", StringComparison.Ordinal));
    }

    /// <summary>
    /// The comment the client sent reaches the merchant's handler exactly, through the sandbox's form post and the
    /// endpoint's form reader and signature check: seeded comments of the characters a form or a signature treats
    /// specially ('+', '&amp;', '=', '%41', '|', CR LF, emoji), each that the client accepts.
    /// </summary>
    [Theory]
    [InlineData(true, 11)]
    [InlineData(false, 12)]
    public async Task A_comment_reaches_the_merchant_exactly_as_it_was_sent(bool signed, int seed)
    {
        await using var merchant = await Merchant.StartAsync(signed, failures: 0);
        await using var f = await SandboxFixture.StartAsync(shop: s => { s.NotificationUrl = merchant.Url; s.SignNotifications = signed; });
        var random = new Random(seed);
        var sent = 0;
        for (var i = 0; i < 15; i++)
        {
            var comment = FormValueRoundTripTests.Value(random, 254) + "|";
            var billId = "NOTE-C" + i;
            try
            {
                await f.Client.CreateBillAsync(billId, "tel:+79031234567", 1m, "RUB", comment, f.Tomorrow);
            }
            catch (ArgumentException refused) when (refused.ParamName == "comment")
            {
                continue;   // XML could not carry it (FormValueRoundTripTests)
            }

            await f.PayAsync(billId);

            var notification = await merchant.NextAsync();
            Assert.Equal(billId, notification.BillId);
            Assert.True(notification.Comment == comment, $"the merchant got '{FormValueRoundTripTests.Show(notification.Comment)}' for '{FormValueRoundTripTests.Show(comment)}'");
            sent++;
        }

        Assert.True(sent > 0, "every comment was refused: the test would prove nothing");
    }

    [Fact]
    public async Task A_failing_merchant_gets_the_notification_again_at_growing_intervals()
    {
        await using var merchant = await Merchant.StartAsync(signed: true, failures: 2);
        await using var f = await SandboxFixture.StartAsync(shop: s => { s.NotificationUrl = merchant.Url; s.SignNotifications = true; });
        await f.CreateBillAsync("NOTE-2");
        await f.Client.CancelBillAsync("NOTE-2");

        await WaitFor(async () => Attempts(await f.NotificationLogAsync()) == 1);
        f.Clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(200);
        Assert.Equal(1, Attempts(await f.NotificationLogAsync()));
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitFor(async () => Attempts(await f.NotificationLogAsync()) == 2);
        f.Clock.Advance(TimeSpan.FromSeconds(20));
        await WaitFor(async () => Attempts(await f.NotificationLogAsync()) == 3);

        var notification = await merchant.NextAsync();
        Assert.Equal(BillStatus.Rejected, notification.Status);
        Assert.Contains("\"delivered\":true", await f.NotificationLogAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_makes_at_most_50_attempts_within_24_hours()
    {
        var waits = Enumerable.Range(1, 49).Select(n => Sandbox.Notifications.NotificationSchedule.WaitAfter(n, 1)).ToList();

        Assert.Equal(TimeSpan.FromSeconds(10), waits[0]);
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second >= p.First));
        Assert.True(waits.Aggregate(TimeSpan.Zero, (a, b) => a + b) < TimeSpan.FromHours(24));
        Assert.Equal(TimeSpan.FromMinutes(30), waits[^1]);
        await Task.CompletedTask;
    }

    private static int Attempts(string log)
    {
        using var document = JsonDocument.Parse(log);
        return document.RootElement.EnumerateArray().Sum(r => r.GetProperty("attempts").GetArrayLength());
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.True(await condition(), "The condition did not become true.");
    }

    /// <summary>A merchant's notification endpoint on loopback, made with MapQiwiNotifications.</summary>
    private sealed class Merchant : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<BillNotification> _received = new();
        private int _failuresLeft;

        private Merchant(WebApplication app, int failures)
        {
            _app = app;
            _failuresLeft = failures;
        }

        public Uri Url => new(_app.Urls.First() + "/qiwi/notify");

        public static async Task<Merchant> StartAsync(bool signed, int failures)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var merchant = new Merchant(app, failures);
            var shop = Shops.SandboxOptions.TestShop;
            app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor,
                new QiwiNotificationOptions { Authentication = signed ? QiwiNotificationAuthentication.Signature : QiwiNotificationAuthentication.Basic, ShopId = shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), NotificationPassword = shop.NotificationPassword },
                (notification, _, _) =>
                {
                    if (Interlocked.Decrement(ref merchant._failuresLeft) >= 0)
                    {
                        throw new InvalidOperationException("the merchant's database is down");
                    }

                    merchant._received.Enqueue(notification);
                    return Task.CompletedTask;
                });
            await app.StartAsync();
            return merchant;
        }

        public async Task<BillNotification> NextAsync()
        {
            for (var i = 0; i < 200; i++)
            {
                if (_received.TryDequeue(out var notification))
                {
                    return notification;
                }

                await Task.Delay(25);
            }

            throw new TimeoutException("No notification arrived.");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
