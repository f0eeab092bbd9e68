using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// The shop's process killed between QIWI's change and the shop's record of it (the sandbox has committed the invoice,
/// or the refund, and holds the answer back): the shop runs in a child process, killed once the sandbox's ledger shows
/// the change; a new instance on the same database then finds everything, creating nothing twice.
/// </summary>
public sealed partial class ShopCrashTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private SandboxHost _sandbox = null!;
    private string _directory = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        // A repeated refund_id is answered with an error, the harder case for a refund's recovery.
        _sandbox = await SandboxHost.StartAsync(configure: o =>
        {
            o.Shops.Add(SandboxOptions.TestShop);
            o.RepeatedRefundId = RepeatedRefundId.Error;
        });
        _connectionString = ShopHost.TemporarySqlite(out _directory);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_shop_killed_after_qiwi_made_the_invoice_or_the_refund_loses_neither_and_makes_neither_twice()
    {
        // 1. Killed while QIWI's answer to the invoice's creation is on its way.
        string orderId;
        using (var child = await StartChildAsync())
        {
            await HoldNextAnswerAsync();
            using var customer = ShopBrowser.Open(child.Url);
            var token = ShopBrowser.Token(await customer.GetStringAsync(""));
            var buying = customer.PostAsync("orders", new FormUrlEncodedContent([new("phone", "+79031234567"), new("__RequestVerificationToken", token)]));
            orderId = await WaitForAsync(async () => (await LedgerAsync()).FirstOrDefault().BillId, "the invoice at QIWI");
            child.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => buying);
        }

        await using (var shop = await ShopHost.StartAsync(_sandbox, _connectionString, notify: false))
        {
            var orders = shop.Services.GetRequiredService<OrderRepository>();
            Assert.Equal("new", (await orders.FindAsync(orderId, CancellationToken.None))!.Status);
            await shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
            Assert.Equal("waiting", (await orders.FindAsync(orderId, CancellationToken.None))!.Status);
            Assert.Single(await orders.ListAsync(null, 10, CancellationToken.None));
            using var paid = await _http.PostAsync(new Uri(_sandbox.BaseUrl, $"sandbox/control/bills/{_sandbox.Shop.ShopId}/{orderId}/pay"), null);
            Assert.True(paid.IsSuccessStatusCode);
            await WaitForAsync(async () =>
            {
                await shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
                return (await orders.FindAsync(orderId, CancellationToken.None))!.Status == "paid" ? "paid" : null;
            }, "the payment applied by reconciliation");
        }

        // 2. Killed while QIWI's answer to a refund is on its way.
        using (var child = await StartChildAsync())
        {
            using var admin = await ShopBrowser.AdminAsync(child.Url);
            var token = ShopBrowser.Token(await admin.GetStringAsync("admin"));
            await HoldNextAnswerAsync();
            var refunding = admin.PostAsync($"admin/orders/{orderId}/refunds", new FormUrlEncodedContent([new("amount", "600"), new("__RequestVerificationToken", token)]));
            await WaitForAsync(async () => (await LedgerAsync()).Single().Refunds.FirstOrDefault(), "the refund at QIWI");
            child.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => refunding);
        }

        await using (var shop = await ShopHost.StartAsync(_sandbox, _connectionString, notify: false))
        {
            var refunds = shop.Services.GetRequiredService<RefundRepository>();
            var stored = Assert.Single(await refunds.ListAsync(orderId, CancellationToken.None));
            Assert.Equal(RefundState.Pending, stored.Status);
            var settled = await WaitForAsync(async () =>
            {
                await shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);
                var status = (await refunds.ListAsync(orderId, CancellationToken.None)).Single().Status;
                return status is RefundState.Pending or RefundState.Unknown or RefundState.Processing ? null : status;
            }, "the refund settled");
            Assert.Equal(RefundState.Success, settled);

            var atQiwi = Assert.Single((await LedgerAsync()).Single().Refunds);
            Assert.Equal((stored.RefundId, 600m, "success"), atQiwi);
        }
    }

    private async Task<Child> StartChildAsync()
    {
        var dll = Path.Combine(Repository.Root, "samples", "Qiwi.Samples.Shop", "bin", Repository.Configuration, "net10.0", "Qiwi.Samples.Shop.dll");
        var arguments = string.Join(' ', ShopHost.Arguments(_sandbox, _connectionString, reconcile: false).Select(a => "'" + a + "'"));
        var process = new BackgroundProcess(_directory, $"dotnet '{dll}' {arguments}", new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });
        var url = await WaitForAsync(() => Task.FromResult(ShopUrl().Match(process.Output()) is { Success: true } m ? m.Groups[1].Value : null), "the child shop's start");
        return new Child(process, new Uri(url));
    }

    /// <summary>The next API request is handled and committed by the sandbox, and its answer held back for a minute.</summary>
    private async Task HoldNextAnswerAsync()
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/faults"), new { kind = "delay", phase = "after", delayMs = 60_000, count = 1 }, Qiwi.Sandbox.Control.SandboxControlJson.Options);
        Assert.True(response.IsSuccessStatusCode);
    }

    private async Task<List<(string BillId, List<(string RefundId, decimal Amount, string Status)> Refunds)>> LedgerAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/bills")));
        return document.RootElement.EnumerateArray().Select(bill => (bill.GetProperty("bill_id").GetString()!, bill.GetProperty("refunds").EnumerateArray()
            .Select(r => (r.GetProperty("refund_id").GetString()!, r.GetProperty("amount").GetDecimal(), r.GetProperty("status").GetString()!)).ToList())).ToList();
    }

    /// <summary>Waits (at most 30 s, a bound, not a timing assertion) for <paramref name="probe"/> to give a value.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await probe() is { } value && !Equals(value, default(T)))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "Not reached within 30 s: " + what);
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"Book shop at (http://\S+/)")]
    private static partial Regex ShopUrl();

    /// <summary>The shop in a child process; <see cref="Kill"/> ends it (and its process tree) at once, as a crash would.</summary>
    private sealed class Child(BackgroundProcess process, Uri url) : IDisposable
    {
        private bool _ended;

        public Uri Url => url;

        public void Kill() => Dispose();

        public void Dispose()
        {
            if (!_ended)
            {
                _ended = true;
                process.Dispose();
            }
        }
    }
}
