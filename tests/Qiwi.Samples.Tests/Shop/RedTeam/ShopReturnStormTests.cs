using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Reload storms on the payer's return pages (<c>/success</c>, <c>/fail</c>): seeded numbers of loads, concurrent, from
/// several browsers, before and after the payment. QIWI is read at most once per order per window, and no page ever
/// says "paid" before the shop knows it, "not paid" for an order that is not final, or anything older than the database.
/// </summary>
public sealed partial class ShopReturnStormTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private SandboxHost _sandbox = null!;
    private ShopApp _shop = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        // Notifications posted by the test (so it decides when the shop learns of a payment); a window no storm outlasts.
        _shop = await ShopHost.StartAsync(_sandbox, ShopHost.TemporarySqlite(out _directory), notify: false, reconcile: false,
            "--Shop:ReturnRefreshInterval=01:00:00", "--Shop:OrdersPerMinute=1000");
    }

    public async Task DisposeAsync()
    {
        await _shop.DisposeAsync();
        await _sandbox.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_reload_storm_reads_qiwi_once_per_order_per_window_and_never_shows_a_wrong_status(int seed)
    {
        using var calls = new QiwiCalls(_sandbox);
        var random = new Random(seed);
        var browsers = Enumerable.Range(0, 3).Select(_ => ShopBrowser.Open(_shop.Url)).ToList();
        try
        {
            var orders = new List<(HttpClient Browser, string Id, string Fate)>();
            foreach (var browser in browsers)
            {
                for (var i = random.Next(1, 3); i > 0; i--)
                {
                    var phone = "+7903" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
                    orders.Add((browser, await ShopBrowser.BuyAsync(browser, phone), random.Next(3) == 0 ? "reject" : "pay"));
                }
            }

            var created = orders.ToDictionary(o => o.Id, o => calls.ForBill(o.Id));

            // Before anything is paid: every page says "not confirmed yet".
            await StormAsync(random, orders, order => "waiting");

            // Paid (or rejected) at QIWI, the notification not here yet: still "not confirmed yet", never "not paid".
            foreach (var order in orders)
            {
                using var move = await _http.PostAsync(new Uri(_sandbox.BaseUrl, $"sandbox/control/bills/{_sandbox.Shop.ShopId}/{order.Id}/{order.Fate}"), null);
                Assert.True(move.IsSuccessStatusCode);
            }

            await StormAsync(random, orders, order => "waiting");

            // The notification arrives: the very next load of every page shows it, within the same window.
            foreach (var order in orders)
            {
                var status = order.Fate == "pay" ? "paid" : "rejected";
                var answer = await SignedNotifications.PostAsync(_http, _shop.Url, _sandbox.Shop.NotificationPassword, order.Id, status, 1500m);
                Assert.Contains("<result_code>0</result_code>", answer, StringComparison.Ordinal);
            }

            await StormAsync(random, orders, order => order.Fate == "pay" ? "paid" : "rejected");

            // At most one read of each invoice by all these loads (the window is an hour); and at least one: the return does read.
            foreach (var order in orders)
            {
                Assert.Equal(1, calls.ForBill(order.Id) - created[order.Id]);
            }
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    /// <summary>A seeded number of loads of both return pages, in concurrent waves; each page shows <paramref name="expected"/> and what it means.</summary>
    private static async Task StormAsync(Random random, List<(HttpClient Browser, string Id, string Fate)> orders, Func<(HttpClient Browser, string Id, string Fate), string> expected)
    {
        var loads = random.Next(40, 120);
        while (loads > 0)
        {
            var wave = Math.Min(loads, random.Next(1, 24));
            loads -= wave;
            var pages = Enumerable.Range(0, wave).Select(_ =>
            {
                var order = orders[random.Next(orders.Count)];
                var path = (random.Next(2) == 0 ? "success" : "fail") + "?order=" + Uri.EscapeDataString(order.Id);
                return (order, Page: order.Browser.GetAsync(path));
            }).ToList();
            foreach (var (order, page) in pages)
            {
                using var response = await page;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync();
                var status = StatusOnPage().Match(html).Groups[1].Value;
                Assert.Equal(expected(order), status);
                var title = Title().Match(html).Groups[1].Value;
                Assert.Equal(status switch { "paid" => "Thank you", "waiting" => "Payment not confirmed yet", _ => "The payment did not go through" }, title);
            }
        }
    }

    [GeneratedRegex("id=\"status\">([a-z]+)<")]
    private static partial Regex StatusOnPage();

    [GeneratedRegex("<h1>([^<]+)</h1>")]
    private static partial Regex Title();
}
