using Qiwi.AspNetCore;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// The shop's payment state on SQLite: transitions the docs forbid, concurrent applications, notifications for
/// unknown orders and repeated ones, the source allow-list, a refused invoice, nonsense refund amounts.
/// </summary>
public sealed class ShopPaymentStateTests : ShopOnSqlite
{
    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.005")]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("1500.01")]
    public async Task Nonsense_refund_amounts_get_a_readable_message_and_never_reach_qiwi(string amount)
    {
        var placed = await PlaceAsync();
        await PayAsync(placed.Order.Id);

        var outcome = await Shop.Services.GetRequiredService<Refunding>().RefundAsync(placed.Order.Id, amount, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Refund);
        Assert.Empty(await Shop.Services.GetRequiredService<RefundRepository>().ListAsync(placed.Order.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Transitions_the_docs_forbid_are_refused_and_change_nothing()
    {
        var placed = await PlaceAsync();
        var id = placed.Order.Id;

        Assert.Equal(ApplyOutcome.AlreadyApplied, await Orders.ApplyAsync(id, "waiting", 1500m, "RUB", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Applied, await Orders.ApplyAsync(id, "paid", 1500m, "RUB", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await Orders.ApplyAsync(id, "paid", 1500m, "RUB", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Refused, await Orders.ApplyAsync(id, "waiting", 1500m, "RUB", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Refused, await Orders.ApplyAsync(id, "rejected", 1500m, "RUB", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Refused, await Orders.ApplyAsync(id, "refunded-by-magic", 1500m, "RUB", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.UnknownOrder, await Orders.ApplyAsync("SHOP-NOPE", "paid", 1500m, "RUB", "test", null, CancellationToken.None));

        Assert.Equal("paid", (await Orders.FindAsync(id, CancellationToken.None))!.Status);
        Assert.Equal(["paid", "waiting"], (await Orders.EventsAsync(id, CancellationToken.None)).Select(e => e.Status).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task An_invoice_qiwi_refuses_fails_the_order_with_a_readable_reason()
    {
        await FaultAsync(count: 1, kind: "resultCode", resultCode: 215);
        var placed = await PlaceAsync();

        Assert.Equal("failed", placed.Order.Status);
        Assert.StartsWith("QIWI answered 215", placed.Order.Problem, StringComparison.Ordinal);

        // Reconciliation reads it once (a refusal may hide an invoice QIWI made): QIWI has none (210), so the refusal
        // stands, with its reason, and the order is not read again.
        Assert.Equal(1, await ReconcileAsync());
        var order = await Orders.FindAsync(placed.Order.Id, CancellationToken.None);
        Assert.Equal(("failed", placed.Order.Problem), (order!.Status, order.Problem));
        Assert.Equal(0, await ReconcileAsync());
    }

    [Fact]
    public async Task A_notification_for_an_unknown_order_gets_300_every_time_and_a_known_one_is_recognized_when_repeated()
    {
        var password = Sandbox.Shop.NotificationPassword;
        Assert.Contains("<result_code>300</result_code>", await SignedNotifications.PostAsync(Http, Shop.Url, password, "SHOP-UNKNOWN", "paid", 1500m), StringComparison.Ordinal);
        Assert.Contains("<result_code>300</result_code>", await SignedNotifications.PostAsync(Http, Shop.Url, password, "SHOP-UNKNOWN", "paid", 1500m), StringComparison.Ordinal);

        var placed = await PlaceAsync();
        var store = Shop.Services.GetRequiredService<IQiwiNotificationStore>();
        var key = SignedNotifications.Key(placed.Order.Id, "paid", 1500m);
        Assert.False(await store.IsAppliedAsync(SignedNotifications.Key("SHOP-UNKNOWN", "paid", 1500m), CancellationToken.None));
        Assert.False(await store.IsAppliedAsync(key, CancellationToken.None));
        for (var copy = 0; copy < 3; copy++)
        {
            Assert.Contains("<result_code>0</result_code>", await SignedNotifications.PostAsync(Http, Shop.Url, password, placed.Order.Id, "paid", 1500m), StringComparison.Ordinal);
        }

        Assert.Equal(["paid", "waiting"], (await Orders.EventsAsync(placed.Order.Id, CancellationToken.None)).Select(e => e.Status).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(("paid", "notification"), await Orders.EventsAsync(placed.Order.Id, CancellationToken.None));
        Assert.True(await store.IsAppliedAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Reconciliation_forgets_applied_notification_keys_past_the_retention_and_a_repeat_after_that_still_applies_once()
    {
        var password = Sandbox.Shop.NotificationPassword;
        var old = await PlaceAsync();
        var recent = await PlaceAsync();
        foreach (var order in new[] { old, recent })
        {
            Assert.Contains("<result_code>0</result_code>", await SignedNotifications.PostAsync(Http, Shop.Url, password, order.Order.Id, "paid", 1500m), StringComparison.Ordinal);
        }

        var store = Shop.Services.GetRequiredService<IQiwiNotificationStore>();
        var oldKey = SignedNotifications.Key(old.Order.Id, "paid", 1500m);
        var recentKey = SignedNotifications.Key(recent.Order.Id, "paid", 1500m);
        var retention = new ReconciliationOptions().AppliedNotificationRetention;
        var database = Shop.Services.GetRequiredService<ShopDatabase>();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            // One key just past the retention, one just inside it.
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE applied_notifications SET applied_at = @at WHERE notification_key = @key",
                new { at = (DateTimeOffset.UtcNow - retention - TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds(), key = oldKey });
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE applied_notifications SET applied_at = @at WHERE notification_key = @key",
                new { at = (DateTimeOffset.UtcNow - retention + TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds(), key = recentKey });
        }

        await ReconcileAsync();
        Assert.False(await store.IsAppliedAsync(oldKey, CancellationToken.None));
        Assert.True(await store.IsAppliedAsync(recentKey, CancellationToken.None));

        // The forgotten notification comes again: accepted, and the order's status is still applied once.
        Assert.Contains("<result_code>0</result_code>", await SignedNotifications.PostAsync(Http, Shop.Url, password, old.Order.Id, "paid", 1500m), StringComparison.Ordinal);
        Assert.Single(await Orders.EventsAsync(old.Order.Id, CancellationToken.None), e => e.Status == "paid");
        Assert.True(await store.IsAppliedAsync(oldKey, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_applications_on_sqlite_apply_a_status_once()
    {
        var placed = await PlaceAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => Orders.ApplyAsync(placed.Order.Id, i % 3 == 0 ? "waiting" : "paid", 1500m, "RUB", "test", null, CancellationToken.None))));

        Assert.Single(outcomes, o => o == ApplyOutcome.Applied);
        Assert.Equal("paid", (await Orders.FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
        Assert.Single(await Orders.EventsAsync(placed.Order.Id, CancellationToken.None), e => e.Status == "paid");
    }

    [Fact]
    public async Task With_qiwi_networks_configured_a_notification_from_elsewhere_is_refused_before_anything_is_read()
    {
        var guarded = await ShopHost.StartAsync(Sandbox, ShopHost.TemporarySqlite(out var directory), notify: false, reconcile: false, "--Shop:NotificationNetworks:0=qiwi");
        try
        {
            var placed = await guarded.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
            var fields = SignedNotifications.Fields(placed.Order.Id, "paid", 1500m);
            using var response = await Http.PostAsync(new Uri(guarded.Url, "qiwi/notify"), new FormUrlEncodedContent(fields));

            Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("waiting", (await guarded.Services.GetRequiredService<OrderRepository>().FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
        }
        finally
        {
            await guarded.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
