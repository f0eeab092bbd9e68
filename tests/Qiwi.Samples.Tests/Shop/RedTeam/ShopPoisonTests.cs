namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// One order reconciliation cannot handle (a row the client refuses to send: left by an older version, a manual edit,
/// a configuration since changed) must not stop reconciliation of every other order; and a configuration that makes
/// every order fail must stop the shop at start-up, not at each customer's purchase.
/// </summary>
public sealed class ShopPoisonTests : ShopOnSqlite
{
    [Fact]
    public async Task An_order_the_client_refuses_to_send_does_not_block_reconciliation_of_the_others()
    {
        var good = await PlaceAsync();
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{good.Order.Id}/pay");

        // A row whose phone the client refuses (not the spec's pattern), due before the good one.
        var database = Shop.Services.GetRequiredService<ShopDatabase>();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO orders (id, customer, product, phone, amount_kopecks, status, problem, created_at, expires_at, updated_at, next_check_at, check_attempts) " +
                "VALUES ('SHOP-BAD-1', 'c1', 'p', 'not a phone', 150000, 'new', NULL, 0, 9999999999999, 0, 0, 0)");
        }

        for (var pass = 0; pass < 2; pass++)
        {
            await ReconcileAsync();
        }

        Assert.Equal("paid", (await Orders.FindAsync(good.Order.Id, CancellationToken.None))!.Status);
        var bad = await Orders.FindAsync("SHOP-BAD-1", CancellationToken.None);
        Assert.Equal("new", bad!.Status);

        // The same for refunds: one whose id the client refuses (not the spec's 1 to 9 of [0-9A-Za-z]), due first, and a
        // good one stored before its call (a crash) behind it.
        var refunds = Shop.Services.GetRequiredService<RefundRepository>();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO refunds (order_id, refund_id, amount_kopecks, status, problem, created_at, updated_at, next_check_at, check_attempts) " +
                "VALUES (@id, 'bad-id!', 10000, 'pending', NULL, 0, 0, 0, 0)", new { id = good.Order.Id });
        }

        Assert.True(await refunds.TryInsertAsync(good.Order.Id, "good1", 20000, TimeSpan.Zero, CancellationToken.None));
        for (var pass = 0; pass < 2; pass++)
        {
            await ReconcileAsync();
        }

        var stored = await refunds.ListAsync(good.Order.Id, CancellationToken.None);
        Assert.Equal(RefundState.Success, stored.Single(r => r.RefundId == "good1").Status);
        Assert.Equal(RefundState.Pending, stored.Single(r => r.RefundId == "bad-id!").Status);
        Assert.StartsWith("Reconciliation failed", stored.Single(r => r.RefundId == "bad-id!").Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Shop:Product=", "Shop:Product")]
    [InlineData("--Shop:Product=" + "A very long product name, more than the two hundred characters an order row keeps for it and the invoice comment has room for: QIWI takes 255 characters of comment, and the shop writes the order id before the name. ", "Shop:Product")]
    [InlineData("--Shop:Price=0", "Shop:Price")]
    [InlineData("--Shop:Price=-5", "Shop:Price")]
    [InlineData("--Shop:Price=10.005", "Shop:Price")]
    [InlineData("--Shop:OrdersPerMinute=0", "Shop:OrdersPerMinute")]
    public async Task A_configuration_no_order_could_be_placed_with_stops_the_start_naming_the_key(string argument, string key)
    {
        var connectionString = ShopHost.TemporarySqlite(out var directory);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ShopHost.StartAsync(Sandbox, connectionString, notify: false, reconcile: false, argument));
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
