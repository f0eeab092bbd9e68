namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// The reconciliation lock's connection dies while a node holds it (the server restarted, a proxy cut it, an
/// administrator ended the session): the other node may take the lock at once, and the node that lost it keeps working.
/// </summary>
public sealed class ShopLockLossTests
{
    [SkippableFact]
    public async Task A_node_whose_lock_connection_is_killed_loses_nothing_and_keeps_reconciling()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        await using var a = await ShopHost.StartAsync(sandbox, database.ConnectionString, notify: false);
        await using var b = await ShopHost.StartAsync(sandbox, database.ConnectionString, notify: false);
        var gate = a.Services.GetRequiredService<ReconciliationLock>();

        // More times than the pool has connections (30): a lock connection not given back would exhaust it.
        for (var round = 0; round < 40; round++)
        {
            var held = await gate.TryAcquireAsync(CancellationToken.None);
            Assert.NotNull(held);
            // Only this test's database: pg_locks is the whole server's, and other tests' shops hold advisory locks too.
            Assert.True(await database.ScalarAsync<bool>(
                "SELECT bool_and(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));

            // The server freed the lock with the session: the other node can run a pass now.
            Assert.NotNull(await WaitForLockAsync(b));
            try
            {
                await held!.DisposeAsync();
            }
            catch (Npgsql.NpgsqlException)
            {
                // Releasing a lock whose session is gone may fail; what matters is what follows.
            }
        }

        var placed = await a.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);
        using var http = new HttpClient();
        using (var paid = await http.PostAsync(new Uri(sandbox.BaseUrl, $"sandbox/control/bills/{sandbox.Shop.ShopId}/{placed.Order.Id}/pay"), null))
        {
            Assert.True(paid.IsSuccessStatusCode);
        }

        Assert.NotNull(await a.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None));
        Assert.Equal("paid", (await a.Services.GetRequiredService<OrderRepository>().FindAsync(placed.Order.Id, CancellationToken.None))!.Status);
    }

    /// <summary>Runs passes on <paramref name="node"/> until one gets the lock (the server ends the killed session soon after; at most 30 s).</summary>
    private static async Task<int?> WaitForLockAsync(ShopApp node)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await node.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None) is { } checkedCount)
            {
                return checkedCount;
            }

            await Task.Delay(20);
        }

        return null;
    }
}
