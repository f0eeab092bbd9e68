using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Qiwi.Samples.Shop;
using Qiwi.Samples.Shop.Data;
using Qiwi.Samples.Shop.Payments;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Shops;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// What reconciliation resolves (SQLite, no browser): a lost notification, an invoice whose creation got no
/// answer, a refund whose answer was lost (repeated with the same id); and the transitions the docs forbid.
/// </summary>
public sealed class ShopReconciliationTests : IAsyncLifetime
{
    private SandboxHost _sandbox = null!;
    private ShopApp _shop = null!;
    private string _directory = "";
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        _shop = await ShopHost.StartAsync(_sandbox, ShopHost.TemporarySqlite(out _directory), notify: false);
    }

    public async Task DisposeAsync()
    {
        await _shop.DisposeAsync();
        await _sandbox.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private OrderRepository Orders => _shop.Services.GetRequiredService<OrderRepository>();

    private Task<int?> ReconcileAsync() => _shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task A_paid_invoice_whose_notification_was_lost_is_applied_by_reconciliation()
    {
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        await ControlAsync($"bills/{_sandbox.Shop.ShopId}/{placed.Order.Id}/pay");
        Assert.Equal("waiting", (await Orders.FindAsync(placed.Order.Id, CancellationToken.None))!.Status);

        Assert.Equal(1, await ReconcileAsync());

        Assert.Equal("paid", (await Orders.FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
        Assert.Contains(("paid", "reconciliation"), await Orders.EventsAsync(placed.Order.Id, CancellationToken.None));
        Assert.Equal(0, await ReconcileAsync());
    }

    [Fact]
    public async Task An_invoice_whose_creation_got_no_answer_is_issued_by_reconciliation_with_the_same_id()
    {
        await FaultAsync(count: 3);
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        await ClearFaultsAsync();
        Assert.Equal("new", placed.Order.Status);
        Assert.Contains("outcome is unknown", placed.Problem, StringComparison.Ordinal);

        await ReconcileAsync();

        var order = await Orders.FindAsync(placed.Order.Id, CancellationToken.None);
        Assert.Equal(("waiting", null), (order!.Status, order.Problem));
        var bill = await _shop.Services.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync(_sandbox.Shop.ShopId, placed.Order.Id);
        Assert.Equal(1500m, bill.Amount);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_repeated_with_the_same_id_and_counted_once()
    {
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        await ControlAsync($"bills/{_sandbox.Shop.ShopId}/{placed.Order.Id}/pay");
        await ReconcileAsync();

        await FaultAsync(count: 3);
        var refunding = _shop.Services.GetRequiredService<Refunding>();
        var lost = await refunding.RefundAsync(placed.Order.Id, "1000", CancellationToken.None);
        await ClearFaultsAsync();
        Assert.False(lost.Succeeded);
        Assert.Equal(RefundState.Unknown, lost.Refund!.Status);
        Assert.Matches("^[0-9A-Za-z]{9}$", lost.Refund.RefundId);

        await Task.Delay(300); // the refund's next check is due after the (test's) first backoff delay
        await ReconcileAsync();

        var refunds = await _shop.Services.GetRequiredService<RefundRepository>().ListAsync(placed.Order.Id, CancellationToken.None);
        var refund = Assert.Single(refunds);
        Assert.Equal((lost.Refund.RefundId, RefundState.Success, 1000m), (refund.RefundId, refund.Status, refund.Amount));

        // What is left is 500.00: QIWI refuses 600 with 242, shown as a readable message; 500 passes.
        var over = await refunding.RefundAsync(placed.Order.Id, "600", CancellationToken.None);
        Assert.False(over.Succeeded);
        Assert.Contains("242", over.Message, StringComparison.Ordinal);
        Assert.True((await refunding.RefundAsync(placed.Order.Id, "500.00", CancellationToken.None)).Succeeded);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.005")]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("1500.01")]
    public async Task Nonsense_refund_amounts_get_a_readable_message_and_never_reach_qiwi(string amount)
    {
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        await ControlAsync($"bills/{_sandbox.Shop.ShopId}/{placed.Order.Id}/pay");
        await ReconcileAsync();

        var outcome = await _shop.Services.GetRequiredService<Refunding>().RefundAsync(placed.Order.Id, amount, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Refund);
        Assert.Empty(await _shop.Services.GetRequiredService<RefundRepository>().ListAsync(placed.Order.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Transitions_the_docs_forbid_are_refused_and_change_nothing()
    {
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        var id = placed.Order.Id;

        Assert.Equal(ApplyOutcome.AlreadyApplied, await Orders.ApplyAsync(id, "waiting", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Applied, await Orders.ApplyAsync(id, "paid", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await Orders.ApplyAsync(id, "paid", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Refused, await Orders.ApplyAsync(id, "waiting", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Refused, await Orders.ApplyAsync(id, "rejected", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Refused, await Orders.ApplyAsync(id, "refunded-by-magic", "test", null, CancellationToken.None));
        Assert.Equal(ApplyOutcome.UnknownOrder, await Orders.ApplyAsync("SHOP-NOPE", "paid", "test", null, CancellationToken.None));

        Assert.Equal("paid", (await Orders.FindAsync(id, CancellationToken.None))!.Status);
        Assert.Equal(["paid", "waiting"], (await Orders.EventsAsync(id, CancellationToken.None)).Select(e => e.Status).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task An_invoice_qiwi_refuses_fails_the_order_with_a_readable_reason()
    {
        await FaultAsync(count: 1, kind: "resultCode", resultCode: 215);
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);

        Assert.Equal("failed", placed.Order.Status);
        Assert.StartsWith("QIWI answered 215", placed.Order.Problem, StringComparison.Ordinal);
        Assert.Equal(0, await ReconcileAsync());
    }

    [Fact]
    public async Task A_notification_for_an_unknown_order_gets_300_every_time_and_a_known_one_is_recognized_when_repeated()
    {
        var password = _sandbox.Shop.NotificationPassword;
        Assert.Contains("<result_code>300</result_code>", await SignedNotifications.PostAsync(_http, _shop.Url, password, "SHOP-UNKNOWN", "paid", 1500m), StringComparison.Ordinal);
        Assert.Contains("<result_code>300</result_code>", await SignedNotifications.PostAsync(_http, _shop.Url, password, "SHOP-UNKNOWN", "paid", 1500m), StringComparison.Ordinal);

        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        var store = _shop.Services.GetRequiredService<Qiwi.AspNetCore.IQiwiNotificationStore>();
        var key = Qiwi.AspNetCore.QiwiNotificationKey.Compute(SignedNotifications.Fields(placed.Order.Id, "paid", 1500m));
        Assert.False(await store.IsAppliedAsync(Qiwi.AspNetCore.QiwiNotificationKey.Compute(SignedNotifications.Fields("SHOP-UNKNOWN", "paid", 1500m)), CancellationToken.None));
        Assert.False(await store.IsAppliedAsync(key, CancellationToken.None));
        for (var copy = 0; copy < 3; copy++)
        {
            Assert.Contains("<result_code>0</result_code>", await SignedNotifications.PostAsync(_http, _shop.Url, password, placed.Order.Id, "paid", 1500m), StringComparison.Ordinal);
        }

        Assert.Equal(["paid", "waiting"], (await Orders.EventsAsync(placed.Order.Id, CancellationToken.None)).Select(e => e.Status).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(("paid", "notification"), await Orders.EventsAsync(placed.Order.Id, CancellationToken.None));
        Assert.True(await store.IsAppliedAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_applications_on_sqlite_apply_a_status_once()
    {
        var placed = await _shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => Orders.ApplyAsync(placed.Order.Id, i % 3 == 0 ? "waiting" : "paid", "test", null, CancellationToken.None))));

        Assert.Single(outcomes, o => o == ApplyOutcome.Applied);
        Assert.Equal("paid", (await Orders.FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
        Assert.Single(await Orders.EventsAsync(placed.Order.Id, CancellationToken.None), e => e.Status == "paid");
    }

    [Fact]
    public async Task With_qiwi_networks_configured_a_notification_from_elsewhere_is_refused_before_anything_is_read()
    {
        var guarded = await ShopHost.StartAsync(_sandbox, ShopHost.TemporarySqlite(out var directory), notify: false, reconcile: false, "--Shop:NotificationNetworks:0=qiwi");
        try
        {
            var placed = await guarded.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
            var fields = SignedNotifications.Fields(placed.Order.Id, "paid", 1500m);
            using var response = await _http.PostAsync(new Uri(guarded.Url, "qiwi/notify"), new FormUrlEncodedContent(fields));

            Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("waiting", (await guarded.Services.GetRequiredService<OrderRepository>().FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
        }
        finally
        {
            await guarded.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task ControlAsync(string path)
    {
        using var response = await _http.PostAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/" + path), null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The next <paramref name="count"/> API requests have their connection dropped (the client's retries included).</summary>
    private async Task FaultAsync(int count, string kind = "drop", int resultCode = 13)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/faults"), new { kind, count, resultCode });
        Assert.True(response.IsSuccessStatusCode);
    }

    private async Task ClearFaultsAsync()
    {
        using var response = await _http.DeleteAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/faults"));
        Assert.True(response.IsSuccessStatusCode);
    }
}
