using System.Net.Http.Json;
using System.Text.Json;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// A payment QIWI took for an order the shop marked <c>failed</c> (QIWI made the invoice, the answer that reached the
/// shop was a refusal), its notification lost: reconciliation finds it. Two instances on one SQLite file (no shared
/// reconciliation lock), concurrent workers reconciling and reading statuses as the payers' returns do, seeded payer
/// moves among them; afterwards the money the shop counts is exactly QIWI's, each status applied once.
/// </summary>
public sealed class ShopLatePaymentTests : IAsyncLifetime
{
    private enum Fate
    {
        /// <summary>QIWI made the invoice; the shop got 215 and failed the order.</summary>
        MadeThoughRefused,

        /// <summary>QIWI refused for real (no invoice).</summary>
        Refused,

        /// <summary>An ordinary order.</summary>
        Normal,
    }

    private readonly HttpClient _http = new();
    private SandboxHost _sandbox = null!;
    private ShopApp _one = null!;
    private ShopApp _two = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        var connection = ShopHost.TemporarySqlite(out _directory);
        // No notification URL: every notification is lost.
        _one = await ShopHost.StartAsync(_sandbox, connection, notify: false);
        _two = await ShopHost.StartAsync(_sandbox, connection, notify: false);
    }

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
        await _sandbox.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_late_payment_of_a_failed_order_is_found_without_its_notification_and_counted_once(int seed)
    {
        using var calls = new QiwiCalls(_sandbox);
        var random = new Random(seed);
        var orders = new List<(string Id, Fate Fate)>();
        for (var i = 0; i < 12; i++)
        {
            // At least one invoice made through a refusal and paid: the case under attack.
            var fate = i == 0 ? Fate.MadeThoughRefused : (Fate)random.Next(3);
            if (fate != Fate.Normal)
            {
                await FaultAsync(phase: fate == Fate.MadeThoughRefused ? "after" : "before");
            }

            var placed = await Shop(random).Services.GetRequiredService<Checkout>().PlaceAsync("c" + i, "+7903123456" + (i % 10), CancellationToken.None);
            Assert.Equal(fate == Fate.Normal ? "waiting" : "failed", placed.Order.Status);
            orders.Add((placed.Order.Id, fate));
        }

        // Workers: reconciliation passes on both instances, and status reads as the payers' returns make them.
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = new Random((seed * 31) + w);
            var passes = 0;
            while (!stop.IsCancellationRequested)
            {
                var shop = mine.Next(2) == 0 ? _one : _two;
                if (mine.Next(3) == 0)
                {
                    // As /success and /fail do: only an open order is read.
                    var order = await shop.Services.GetRequiredService<OrderRepository>().FindAsync(orders[mine.Next(orders.Count)].Id, CancellationToken.None);
                    if (order!.IsOpen)
                    {
                        await shop.Services.GetRequiredService<Checkout>().RefreshAsync(order.Id, "return", CancellationToken.None);
                    }
                }
                else
                {
                    await shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
                }

                passes++;
                await Task.Delay(mine.Next(0, 40));
            }

            return passes;
        })).ToList();

        // The payers, among the workers: pay most invoices that exist (through the refusal or not), reject some, leave some.
        var moves = orders.Where(o => o.Fate != Fate.Refused).Select((o, i) => (o.Id, Move: i == 0 ? "pay" : new[] { "pay", "pay", "reject", "none" }[random.Next(4)])).ToList();
        foreach (var (id, move) in moves.OrderBy(_ => random.Next()))
        {
            await Task.Delay(random.Next(0, 60));
            if (move != "none")
            {
                await ControlAsync($"bills/{_sandbox.Shop.ShopId}/{id}/{move}");
            }
        }

        // Converges (a bound on a wait, not a timing assertion): every invoice QIWI has is what the shop says.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Dictionary<string, (string Status, decimal Amount)> ledger;
        while (true)
        {
            ledger = await LedgerAsync();
            var statuses = await StatusesAsync(orders.Select(o => o.Id));
            if (orders.All(o => ledger.TryGetValue(o.Id, out var bill) ? statuses[o.Id] == bill.Status : statuses[o.Id] == "failed"))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "Not reconciled within 30 s: " + string.Join(", ", orders.Select(o => $"{o.Id} {o.Fate} shop={statuses[o.Id]} qiwi={(ledger.TryGetValue(o.Id, out var b) ? b.Status : "-")}")));
            await Task.Delay(100);
        }

        // A few more rounds of everything racing over settled orders, then the invariants.
        await Task.Delay(300);
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(workers), passes => Assert.True(passes > 0));

        var repository = _one.Services.GetRequiredService<OrderRepository>();
        decimal shopPaid = 0;
        foreach (var (id, fate) in orders)
        {
            var order = (await repository.FindAsync(id, CancellationToken.None))!;
            var events = await repository.EventsAsync(id, CancellationToken.None);
            Assert.Equal(events.Count, events.Select(e => e.Status).Distinct().Count());
            Assert.Equal(order.Status == "paid" ? 1 : 0, events.Count(e => e.Status == "paid"));
            Assert.Equal(fate == Fate.Refused, !ledger.ContainsKey(id));
            shopPaid += order.Status == "paid" ? order.Amount : 0;
        }

        var qiwiPaid = ledger.Where(b => b.Value.Status == "paid").Sum(b => b.Value.Amount);
        Assert.Equal(qiwiPaid, shopPaid);
        Assert.Contains(orders, o => o.Fate == Fate.MadeThoughRefused && ledger[o.Id].Status == "paid");

        // An order QIWI really refused is read once by reconciliation (210: no invoice), then never again.
        var before = orders.Where(o => o.Fate == Fate.Refused).ToDictionary(o => o.Id, o => calls.ForBill(o.Id));
        for (var pass = 0; pass < 3; pass++)
        {
            await Task.Delay(300); // past the test's longest backoff (MaxDelay 250 ms)
            await _one.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
            await _two.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
        }

        Assert.All(before, refused => Assert.Equal(refused.Value, calls.ForBill(refused.Key)));
    }

    [Fact]
    public async Task A_failed_order_is_checked_only_within_its_window()
    {
        using var calls = new QiwiCalls(_sandbox);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var database = _one.Services.GetRequiredService<ShopDatabase>();
        // Expired two hours ago (the window is expiry + 1 h): never checked. Expiring tomorrow, no invoice at QIWI: once.
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO orders (id, customer, product, phone, amount_kopecks, status, problem, created_at, expires_at, updated_at, next_check_at, check_attempts) VALUES " +
                "('SHOP-OLD-FAILED', 'c1', 'p', '+79031234567', 150000, 'failed', 'refused', 0, @old, 0, 0, 0), " +
                "('SHOP-NEW-FAILED', 'c1', 'p', '+79031234567', 150000, 'failed', 'refused', 0, @soon, 0, 0, 0)",
                new { old = now - (long)TimeSpan.FromHours(2).TotalMilliseconds, soon = now + (long)TimeSpan.FromDays(1).TotalMilliseconds });
        }

        for (var pass = 0; pass < 4; pass++)
        {
            await _one.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
            await Task.Delay(300);
        }

        Assert.Equal(0, calls.ForBill("SHOP-OLD-FAILED"));
        Assert.Equal(1, calls.ForBill("SHOP-NEW-FAILED"));
        var repository = _one.Services.GetRequiredService<OrderRepository>();
        Assert.Equal(("failed", "refused"), ((await repository.FindAsync("SHOP-NEW-FAILED", CancellationToken.None))!.Status, (await repository.FindAsync("SHOP-NEW-FAILED", CancellationToken.None))!.Problem));
    }

    private ShopApp Shop(Random random) => random.Next(2) == 0 ? _one : _two;

    private async Task<Dictionary<string, string>> StatusesAsync(IEnumerable<string> ids)
    {
        var repository = _one.Services.GetRequiredService<OrderRepository>();
        var statuses = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            statuses[id] = (await repository.FindAsync(id, CancellationToken.None))!.Status;
        }

        return statuses;
    }

    private async Task<Dictionary<string, (string Status, decimal Amount)>> LedgerAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/bills")));
        return document.RootElement.EnumerateArray().ToDictionary(
            bill => bill.GetProperty("bill_id").GetString()!,
            bill => (bill.GetProperty("status").GetString()!, bill.GetProperty("amount").GetDecimal()));
    }

    private async Task FaultAsync(string phase)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/faults"), new { kind = "resultCode", count = 1, resultCode = 215, phase }, Qiwi.Sandbox.Control.SandboxControlJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task ControlAsync(string path)
    {
        using var response = await _http.PostAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/" + path), null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
