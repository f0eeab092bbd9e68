using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Qiwi.Runtime;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Two shop instances on one database, both reconciling, under a seeded storm: lost and late answers at random
/// points of every QIWI call (creates, polls, refunds), the payers' moves, genuine notification copies and stale
/// ones to both instances, forged ones (unsigned, a flipped signature bit, the wrong password, a value changed after
/// signing, a signed wrong amount), and refunds of random amounts from both instances. Once the faults stop and
/// reconciliation has run, every order is what the sandbox's ledger says, each status was applied once, and every
/// refund the shop counts is one QIWI made, for its amount, and the other way round.
/// </summary>
public sealed class ShopChaosTests
{
    private static readonly string[] Fates = ["pay", "reject", "fail", "expire", "wait", "pay"];
    private static readonly string[] Faults = ["drop/before", "drop/after", "http500/after", "resultCode/before", "resultCode/after", "delay/after"];
    private static readonly string[] RefundAmounts = ["400", "500.50", "700", "1500", "0.01"];

    [SkippableTheory]
    [InlineData(1, RepeatedRefundId.Error)]
    [InlineData(2, RepeatedRefundId.ExistingRefund)]
    public async Task Two_instances_on_postgresql_end_as_qiwi_says_under_faults_and_forgeries(int seed, RepeatedRefundId repeatedRefundId)
    {
        await using var database = await TestPostgres.CreateAsync();
        await RunAsync(seed, repeatedRefundId, database.ConnectionString);
    }

    [Theory]
    [InlineData(3, RepeatedRefundId.Error)]
    public async Task Two_instances_on_one_sqlite_file_end_as_qiwi_says_under_faults_and_forgeries(int seed, RepeatedRefundId repeatedRefundId)
    {
        var connectionString = ShopHost.TemporarySqlite(out var directory);
        try
        {
            await RunAsync(seed, repeatedRefundId, connectionString);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(int seed, RepeatedRefundId repeatedRefundId, string connectionString)
    {
        var random = new Random(seed);
        await using var sandbox = await SandboxHost.StartAsync(configure: o =>
        {
            o.Shops.Add(SandboxOptions.TestShop);
            o.RepeatedRefundId = repeatedRefundId;
        });
        await using var a = await ShopHost.StartAsync(sandbox, connectionString, reconcile: true);
        await using var b = await ShopHost.StartAsync(sandbox, connectionString, reconcile: true);
        ShopApp[] nodes = [a, b];
        using var http = new HttpClient();
        var password = sandbox.Shop.NotificationPassword;
        var shopId = sandbox.Shop.ShopId;

        async Task FaultAsync(string spec)
        {
            var (kind, phase) = (spec.Split('/')[0], spec.Split('/')[1]);
            using var response = await http.PostAsJsonAsync(new Uri(sandbox.BaseUrl, "sandbox/control/faults"), new { kind, phase, count = 1, resultCode = 13, delayMs = 30 }, Qiwi.Sandbox.Control.SandboxControlJson.Options);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        // Orders, some placed while their create (or the client's retry, or a poll) loses its answer.
        var orders = new List<(string Id, string Fate)>();
        for (var i = 0; i < 12; i++)
        {
            if (random.Next(3) == 0)
            {
                await FaultAsync(Faults[random.Next(Faults.Length)]);
            }

            var placed = await nodes[i % 2].Services.GetRequiredService<Checkout>().PlaceAsync("chaos", "+79031234567", CancellationToken.None);
            orders.Add((placed.Order.Id, Fates[random.Next(Fates.Length)]));
        }

        // The storm, per order in parallel, each in a seeded shuffled order.
        var replies = new ConcurrentBag<(string Kind, int Code)>();
        var plans = orders.Select(order =>
        {
            var steps = new List<Func<Task>>();
            var genuine = order.Fate switch { "pay" => "paid", "reject" => "rejected", "fail" => "unpaid", "expire" => "expired", _ => null };
            var seedOfOrder = random.Next();
            if (genuine is not null)
            {
                for (var copy = 0; copy < 2; copy++)
                {
                    var node = nodes[random.Next(2)];
                    steps.Add(async () =>
                    {
                        // Genuine only once QIWI has the status it reports (the payer's move fails on an invoice whose create was lost).
                        if (await LedgerStatusAsync(http, sandbox, order.Id) == genuine)
                        {
                            replies.Add(("genuine", await RedTeamNotifications.PostAsync(http, node.Url, RedTeamNotifications.Fields(order.Id, genuine, "1500.00"), password)));
                        }
                    });
                }
            }

            foreach (var node in nodes)
            {
                steps.Add(async () => replies.Add(("stale", await RedTeamNotifications.PostAsync(http, node.Url, RedTeamNotifications.Fields(order.Id, "waiting", "1500.00"), password))));
                steps.Add(async () => replies.Add(("forged", await PostForgedAsync(http, node.Url, order.Id, password, new Random(seedOfOrder)))));
                steps.Add(async () => replies.Add(("wrong amount", await RedTeamNotifications.PostAsync(http, node.Url, RedTeamNotifications.Fields(order.Id, "paid", "15.00"), password))));
                steps.Add(() => node.Services.GetRequiredService<Checkout>().RefreshAsync(order.Id, "poll", CancellationToken.None));
            }

            steps.Add(() => FaultAsync(Faults[random.Next(Faults.Length)]));
            return (order, steps: steps.OrderBy(_ => random.Next()).ToList());
        }).ToList();

        await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            if (plan.order.Fate != "wait")
            {
                // The invoice may not exist yet (its create lost): then the payer cannot act, and the ledger decides.
                using var moved = await http.PostAsync(new Uri(sandbox.BaseUrl, $"sandbox/control/bills/{shopId}/{plan.order.Id}/{plan.order.Fate}"), null);
            }

            await Task.WhenAll(plan.steps.Select(step => Task.Run(step)));
        })));

        // Refunds of random amounts from both instances at once, with a fault or two among them; the first made at QIWI
        // with its answer lost and the client's every read after it too, so that each seed leaves reconciliation a refund.
        var refundTasks = new List<Task<RefundOutcome>>();
        var lostRefund = true;
        foreach (var order in orders)
        {
            if (await LedgerStatusAsync(http, sandbox, order.Id) != "paid")
            {
                continue;
            }

            await WaitForAsync(async () => (await a.Services.GetRequiredService<OrderRepository>().FindAsync(order.Id, CancellationToken.None))!.Status == "paid", "order " + order.Id + " paid");
            if (lostRefund)
            {
                lostRefund = false;
                await FaultAsync("drop/after");
                for (var f = 0; f < 60; f++)
                {
                    await FaultAsync("drop/before");
                }

                Assert.Equal(RefundState.Unknown, (await a.Services.GetRequiredService<Refunding>().RefundAsync(order.Id, "0.50", CancellationToken.None)).Refund!.Status);
                using var cleared = await http.DeleteAsync(new Uri(sandbox.BaseUrl, "sandbox/control/faults"));
            }

            for (var r = 0; r < 3; r++)
            {
                if (random.Next(3) == 0)
                {
                    await FaultAsync(Faults[random.Next(Faults.Length)]);
                }

                var node = nodes[random.Next(2)];
                var amount = RefundAmounts[random.Next(RefundAmounts.Length)];
                refundTasks.Add(Task.Run(() => node.Services.GetRequiredService<Refunding>().RefundAsync(order.Id, amount, CancellationToken.None)));
            }
        }

        await Task.WhenAll(refundTasks);
        using (var cleared = await http.DeleteAsync(new Uri(sandbox.BaseUrl, "sandbox/control/faults")))
        {
            Assert.True(cleared.IsSuccessStatusCode);
        }

        // Forged and wrong-amount notifications were never acknowledged; genuine and stale ones always were.
        Assert.All(replies, reply => Assert.Equal(reply.Kind switch { "forged" => 151, "wrong amount" => 300, _ => 0 }, reply.Code));

        // Reconciliation settles everything: every order as the ledger says, every refund final.
        var repository = a.Services.GetRequiredService<OrderRepository>();
        var refunds = a.Services.GetRequiredService<RefundRepository>();
        await WaitForAsync(async () =>
        {
            var ledger = await LedgerAsync(http, sandbox);
            foreach (var order in orders)
            {
                if ((await repository.FindAsync(order.Id, CancellationToken.None))!.Status != ledger[order.Id].Status)
                {
                    return false;
                }

                if ((await refunds.ListAsync(order.Id, CancellationToken.None)).Any(r => r.Status is RefundState.Pending or RefundState.Unknown or RefundState.Processing))
                {
                    return false;
                }
            }

            return true;
        }, "every order as the ledger says and every refund final");

        var final = await LedgerAsync(http, sandbox);
        foreach (var order in orders)
        {
            var (status, madeRefunds) = final[order.Id];
            var events = (await repository.EventsAsync(order.Id, CancellationToken.None)).Select(e => e.Status).ToList();
            Assert.Equal(events.Distinct().Count(), events.Count);
            Assert.All(events, e => Assert.True(e == "waiting" || e == status, $"{order.Id}: event {e}, ledger {status}"));
            Assert.Equal(status != "waiting", events.Contains(status) && status != "waiting");

            // Refunds: the shop's successes are exactly QIWI's refunds (id and amount), its refusals are none of QIWI's.
            var stored = await refunds.ListAsync(order.Id, CancellationToken.None);
            var succeeded = stored.Where(r => r.Status == RefundState.Success).Select(r => (r.RefundId, r.Amount)).OrderBy(r => r.RefundId, StringComparer.Ordinal).ToList();
            var atQiwi = madeRefunds.Where(r => r.Status == "success").Select(r => (r.RefundId, r.Amount)).OrderBy(r => r.RefundId, StringComparer.Ordinal).ToList();
            Assert.Equal(atQiwi, succeeded);
            Assert.DoesNotContain(stored, r => r.Status == RefundState.Refused && madeRefunds.Any(m => m.RefundId == r.RefundId));
            Assert.True(succeeded.Sum(r => r.Amount) <= 1500m);
        }
    }

    /// <summary>A notification that must be refused before it reaches the order: unsigned, one signature bit flipped, signed with the wrong password, or changed after signing.</summary>
    private static Task<int> PostForgedAsync(HttpClient http, Uri shop, string billId, string password, Random random)
    {
        var fields = RedTeamNotifications.Fields(billId, "paid", "1500.00");
        switch (random.Next(4))
        {
            case 0:
                return RedTeamNotifications.PostAsync(http, shop, fields, password: null);
            case 1:
                return PostWithSignatureAsync(http, shop, fields, FlipOneBit(QiwiSignature.Compute(BillNotificationWebhook.Signature, fields, password), random));
            case 2:
                return RedTeamNotifications.PostAsync(http, shop, fields, password + "x");
            default:
                var signature = QiwiSignature.Compute(BillNotificationWebhook.Signature, fields, password);
                var changed = fields.Select(f => f.Key == "amount" ? new KeyValuePair<string, string>("amount", "15.00") : f).ToArray();
                return PostWithSignatureAsync(http, shop, changed, signature);
        }
    }

    private static string FlipOneBit(string base64, Random random)
    {
        var bytes = Convert.FromBase64String(base64);
        var bit = random.Next(bytes.Length * 8);
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return Convert.ToBase64String(bytes);
    }

    private static async Task<int> PostWithSignatureAsync(HttpClient http, Uri shop, IReadOnlyList<KeyValuePair<string, string>> fields, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shop, "qiwi/notify")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(BillNotificationWebhook.Signature.Target, signature);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return int.Parse(System.Text.RegularExpressions.Regex.Match(body, "<result_code>([0-9]+)</result_code>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string?> LedgerStatusAsync(HttpClient http, SandboxHost sandbox, string billId)
        => (await LedgerAsync(http, sandbox)).TryGetValue(billId, out var invoice) ? invoice.Status : null;

    /// <summary>The sandbox's ledger: per bill, its status and its refunds.</summary>
    private static async Task<Dictionary<string, (string Status, List<(string RefundId, decimal Amount, string Status)> Refunds)>> LedgerAsync(HttpClient http, SandboxHost sandbox)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox.BaseUrl, "sandbox/control/bills")));
        return document.RootElement.EnumerateArray().ToDictionary(
            bill => bill.GetProperty("bill_id").GetString()!,
            bill => (bill.GetProperty("status").GetString()!, bill.GetProperty("refunds").EnumerateArray()
                .Select(r => (r.GetProperty("refund_id").GetString()!, r.GetProperty("amount").GetDecimal(), r.GetProperty("status").GetString()!)).ToList()));
    }

    /// <summary>Waits (at most 30 s) for <paramref name="condition"/>; fails naming <paramref name="what"/> otherwise. Not a timing assertion: a bound on a wait.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not reached within 30 s: " + what);
            await Task.Delay(100);
        }
    }
}
