using System.Collections.Concurrent;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// Two shop instances on one PostgreSQL database, both reconciling, stormed with duplicate and reordered
/// notifications, concurrent polls and concurrent refunds: every order ends as QIWI says, each status is
/// applied once, and every refund is counted once.
/// </summary>
public sealed class ShopStormTests
{
    private static readonly string[] Fates = ["pay", "reject", "fail", "expire", "wait"];

    [SkippableFact]
    public async Task Two_instances_apply_each_status_once_and_count_each_refund_once_under_a_storm()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        await using var a = await ShopHost.StartAsync(sandbox, database.ConnectionString, reconcile: true);
        await using var b = await ShopHost.StartAsync(sandbox, database.ConnectionString, reconcile: true);
        ShopApp[] nodes = [a, b];
        var password = sandbox.Shop.NotificationPassword;
        using var http = new HttpClient();
        var random = new Random(15);

        // 15 orders, placed on both nodes; each gets a fate on the sandbox (what the payer does).
        var orders = new List<(string Id, string Fate, string Expected)>();
        for (var i = 0; i < 15; i++)
        {
            var placed = await nodes[i % 2].Services.GetRequiredService<Checkout>().PlaceAsync("storm", "+79031234567", CancellationToken.None);
            Assert.Null(placed.Problem);
            var fate = Fates[i % Fates.Length];
            orders.Add((placed.Order.Id, fate, fate switch { "pay" => "paid", "reject" => "rejected", "fail" => "unpaid", "expire" => "expired", _ => "waiting" }));
        }

        // The storm: per order, the payer's move on the sandbox (which notifies node b), then 3 copies of the final
        // notification and a stale "waiting" one to random nodes in a shuffled order, polls from both nodes.
        var replies = new ConcurrentBag<string>();
        var plans = orders.Select(order =>
        {
            var steps = new List<Func<Task>>();
            for (var copy = 0; copy < 3; copy++)
            {
                var node = nodes[random.Next(2)];
                steps.Add(async () => replies.Add(await SignedNotifications.PostAsync(http, node.Url, password, order.Id, order.Expected, 1500m)));
            }

            var stale = nodes[random.Next(2)];
            steps.Add(async () => replies.Add(await SignedNotifications.PostAsync(http, stale.Url, password, order.Id, "waiting", 1500m)));
            foreach (var node in nodes)
            {
                steps.Add(() => node.Services.GetRequiredService<Checkout>().RefreshAsync(order.Id, "poll", CancellationToken.None));
            }

            return (order, steps: steps.OrderBy(_ => random.Next()).ToList());
        }).ToList();

        await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            if (plan.order.Fate != "wait")
            {
                using var moved = await http.PostAsync(new Uri(sandbox.BaseUrl, $"sandbox/control/bills/{sandbox.Shop.ShopId}/{plan.order.Id}/{plan.order.Fate}"), null);
                Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
            }

            await Task.WhenAll(plan.steps.Select(step => Task.Run(step)));
        })));

        // Twenty more attempts at the same final status, from both nodes at once: exactly one applies it.
        var paid = orders.First(o => o.Fate == "pay").Id;
        await a.Services.GetRequiredService<OrderRepository>().ApplyAsync(paid, "paid", 1500m, "RUB", "test", null, CancellationToken.None);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            nodes[i % 2].Services.GetRequiredService<OrderRepository>().ApplyAsync(paid, "paid", 1500m, "RUB", "test", null, CancellationToken.None))));
        Assert.All(outcomes, outcome => Assert.Equal(ApplyOutcome.AlreadyApplied, outcome));
        Assert.Equal(ApplyOutcome.Refused, await b.Services.GetRequiredService<OrderRepository>().ApplyAsync(paid, "waiting", 1500m, "RUB", "test", null, CancellationToken.None));

        // Refunds: 3 x 600 of each 1500.00 paid order, from both nodes at once: two succeed, the third is QIWI's 242.
        var paidOrders = orders.Where(o => o.Fate == "pay").Select(o => o.Id).ToList();
        var refundOutcomes = await Task.WhenAll(paidOrders.SelectMany(id => Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
            (id, outcome: await nodes[i % 2].Services.GetRequiredService<Refunding>().RefundAsync(id, "600", CancellationToken.None))))));

        // Every reply to a notification was result 0 (a duplicate or stale one is acknowledged, never an error).
        Assert.Equal(orders.Count * 4, replies.Count);
        Assert.All(replies, reply => Assert.Contains("<result_code>0</result_code>", reply, StringComparison.Ordinal));

        var repository = a.Services.GetRequiredService<OrderRepository>();
        var refunds = a.Services.GetRequiredService<RefundRepository>();
        var qiwi = a.Services.GetRequiredService<IQiwiPullClient>();
        foreach (var order in orders)
        {
            var stored = await repository.FindAsync(order.Id, CancellationToken.None);
            var atQiwi = await qiwi.GetBillStatusAsync(order.Id);
            Assert.Equal((order.Expected, order.Expected), (stored!.Status, atQiwi.StatusWireValue ?? atQiwi.Status.ToWireValue()));

            // One event per applied status: waiting once, then the final status once.
            var events = await repository.EventsAsync(order.Id, CancellationToken.None);
            Assert.Equal(order.Expected == "waiting" ? new[] { "waiting" } : new[] { "waiting", order.Expected }, events.Select(e => e.Status).OrderBy(s => s == "waiting" ? 0 : 1).ToArray());
        }

        foreach (var id in paidOrders)
        {
            var mine = refundOutcomes.Where(r => r.id == id).Select(r => r.outcome).ToList();
            Assert.Equal(2, mine.Count(r => r.Succeeded));
            Assert.Contains(mine, r => !r.Succeeded && r.Message.Contains("242", StringComparison.Ordinal));

            var stored = await refunds.ListAsync(id, CancellationToken.None);
            Assert.Equal(3, stored.Count);
            Assert.Equal(3, stored.Select(r => r.RefundId).Distinct().Count());
            Assert.Equal(1200m, stored.Where(r => r.Status == RefundState.Success).Sum(r => r.Amount));
            Assert.Single(stored, r => r.Status == RefundState.Refused);
            foreach (var refund in stored.Where(r => r.Status == RefundState.Success))
            {
                var atQiwi = await qiwi.GetRefundStatusAsync(id, refund.RefundId);
                Assert.Equal((600m, RefundStatus.Success), (atQiwi.Amount, atQiwi.Status));
            }
        }

        Assert.Equal(orders.Count(o => o.Expected != "waiting") + orders.Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM order_events"));
        Assert.Equal(paidOrders.Count * 2, await database.ScalarAsync<long>("SELECT COUNT(*) FROM refunds WHERE status = 'success'"));
    }

    [SkippableFact]
    public async Task Only_one_node_runs_reconciliation_at_a_time()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        await using var a = await ShopHost.StartAsync(sandbox, database.ConnectionString);
        await using var b = await ShopHost.StartAsync(sandbox, database.ConnectionString);

        await using (var held = await a.Services.GetRequiredService<ReconciliationLock>().TryAcquireAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.Null(await b.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None));
            Assert.Null(await b.Services.GetRequiredService<ReconciliationLock>().TryAcquireAsync(CancellationToken.None));
        }

        Assert.NotNull(await b.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None));
    }
}
