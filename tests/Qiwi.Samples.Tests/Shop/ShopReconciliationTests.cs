
namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// What reconciliation resolves (SQLite, no browser): a lost notification, an invoice whose creation got no
/// answer, a refund whose answer was lost (repeated with the same id and counted once).
/// </summary>
public sealed class ShopReconciliationTests : ShopOnSqlite
{
    [Fact]
    public async Task A_paid_invoice_whose_notification_was_lost_is_applied_by_reconciliation()
    {
        var placed = await PlaceAsync();
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{placed.Order.Id}/pay");
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
        var placed = await PlaceAsync();
        await ClearFaultsAsync();
        Assert.Equal("new", placed.Order.Status);
        Assert.Contains("outcome is unknown", placed.Problem, StringComparison.Ordinal);

        await ReconcileAsync();

        var order = await Orders.FindAsync(placed.Order.Id, CancellationToken.None);
        Assert.Equal(("waiting", null), (order!.Status, order.Problem));
        var bill = await Shop.Services.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync(placed.Order.Id);
        Assert.Equal(1500m, bill.Amount);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_repeated_with_the_same_id_and_counted_once()
    {
        var placed = await PlaceAsync();
        await PayAsync(placed.Order.Id);

        // Enough lost answers for every attempt and every status read the client makes before it gives up
        // (the runtime reads the refund after an unknown outcome and re-sends only what was not found).
        await FaultAsync(count: 50);
        var refunding = Shop.Services.GetRequiredService<Refunding>();
        var lost = await refunding.RefundAsync(placed.Order.Id, "1000", CancellationToken.None);
        await ClearFaultsAsync();
        Assert.False(lost.Succeeded);
        Assert.Equal(RefundState.Unknown, lost.Refund!.Status);
        Assert.Matches("^[0-9A-Za-z]{9}$", lost.Refund.RefundId);

        await Task.Delay(300); // the refund's next check is due after the (test's) first backoff delay
        await ReconcileAsync();

        var refunds = await Shop.Services.GetRequiredService<RefundRepository>().ListAsync(placed.Order.Id, CancellationToken.None);
        var refund = Assert.Single(refunds);
        Assert.Equal((lost.Refund.RefundId, RefundState.Success, 1000m), (refund.RefundId, refund.Status, refund.Amount));

        // What is left is 500.00: QIWI refuses 600 with 242, shown as a readable message; 500 passes.
        var over = await refunding.RefundAsync(placed.Order.Id, "600", CancellationToken.None);
        Assert.False(over.Succeeded);
        Assert.Contains("242", over.Message, StringComparison.Ordinal);
        Assert.True((await refunding.RefundAsync(placed.Order.Id, "500.00", CancellationToken.None)).Succeeded);
    }
}
