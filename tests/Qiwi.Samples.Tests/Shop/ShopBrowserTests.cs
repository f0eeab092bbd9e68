using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// The shop in a real browser (Debian's Chromium, headless, driven by Playwright), on SQLite, against a sandbox
/// that outlives the shop: buy, pay, come back paid; the shop restarts and every order is still there and a new
/// one gets a new id; a declined payment shows the failure page; the admin signs in, refunds twice, over-refunds
/// and reads QIWI's 242. Every page is checked with axe-core (WCAG 2.1 A/AA). The pictures in docs/images are taken by
/// <see cref="ShopScreenshotTests"/>, on seeded orders.
/// </summary>
public sealed partial class ShopBrowserTests
{
    [SkippableFact]
    public async Task A_customer_buys_and_pays_and_the_merchant_refunds_twice_and_over_refunds_across_a_restart()
    {
        var chromium = Requires.Chromium();
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        var connectionString = ShopHost.TemporarySqlite(out var directory);
        var shop = await ShopHost.StartAsync(sandbox, connectionString);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright, chromium);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 700 } });
            var page = await context.NewPageAsync();

            // Buy: product page -> order summary with the checkout link.
            await page.GotoAsync(shop.Url.AbsoluteUri);
            await CheckPageAsync(page, "product");
            var first = await BuyAsync(page);
            await CheckPageAsync(page, "order");

            // Pay on the sandbox's checkout page and come back: the return reads the status from QIWI.
            await page.ClickAsync("#checkout");
            await page.WaitForSelectorAsync("#pay");
            Assert.Contains("1500.00", await page.InnerTextAsync("body"), StringComparison.Ordinal);
            await ArriveAsync(page, () => page.ClickAsync("#pay"), shop.Url.AbsoluteUri + "success");
            Assert.Equal((first, "paid"), (await page.InnerTextAsync("#order"), await page.InnerTextAsync("#status")));
            await CheckPageAsync(page, "success");

            // The signed notification arrives as well; "paid" is still applied once.
            var orders = shop.Services.GetRequiredService<OrderRepository>();
            using (var http = new HttpClient())
            {
                for (var i = 0; i < 100 && !await DeliveredAsync(http, sandbox, first); i++)
                {
                    await Task.Delay(50);
                }

                Assert.True(await DeliveredAsync(http, sandbox, first), "The sandbox's notification was not acknowledged with result 0.");
            }

            Assert.Single(await orders.EventsAsync(first, CancellationToken.None), e => e.Status == "paid");

            // Restart the shop mid-way: the order is still there, and the next order gets a new id and its invoice.
            await shop.DisposeAsync();
            shop = await ShopHost.StartAsync(sandbox, connectionString);
            await page.GotoAsync(shop.Url.AbsoluteUri);
            var second = await BuyAsync(page);
            Assert.NotEqual(first, second);

            // The payer declines: the failure page, with a link back.
            await page.ClickAsync("#checkout");
            await ArriveAsync(page, () => page.ClickAsync("#reject"), shop.Url.AbsoluteUri + "fail");
            Assert.Equal((second, "rejected"), (await page.InnerTextAsync("#order"), await page.InnerTextAsync("#status")));
            await CheckPageAsync(page, "fail");
            await page.ClickAsync("#back");
            await page.WaitForSelectorAsync("#buy");

            await page.GotoAsync(shop.Url.AbsoluteUri + "orders");
            var history = await page.InnerTextAsync("#orders");
            Assert.Contains(first, history, StringComparison.Ordinal);
            Assert.Contains(second, history, StringComparison.Ordinal);
            await CheckPageAsync(page, "history");

            // The admin area needs the password.
            await page.GotoAsync(shop.Url.AbsoluteUri + "admin");
            Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
            await CheckPageAsync(page, "login");
            await page.FillAsync("#password", "guess");
            await page.ClickAsync("#sign-in");
            Assert.Contains("not right", await page.InnerTextAsync("#message"), StringComparison.Ordinal);
            await page.FillAsync("#password", ShopHost.AdminPassword);
            await page.ClickAsync("#sign-in");
            await page.WaitForSelectorAsync("#admin-orders");
            Assert.Contains("rejected", await page.InnerTextAsync($"#row-{second}"), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator($"#refund-{second}").CountAsync());

            // Two refunds, then one more than is left: QIWI's 242, as a readable message (never a 500).
            Assert.Contains("Refunded 500.00 RUB", await RefundAsync(page, first, "500"), StringComparison.Ordinal);
            Assert.Contains("Refunded 400.00 RUB", await RefundAsync(page, first, "400"), StringComparison.Ordinal);
            var over = await RefundAsync(page, first, "700");
            Assert.Contains("refused", over, StringComparison.Ordinal);
            Assert.Contains("242", over, StringComparison.Ordinal);
            Assert.Equal("alert", await page.GetAttributeAsync("#message", "role"));
            Assert.Contains("900.00 RUB", await page.InnerTextAsync($"#row-{first} .refunded"), StringComparison.Ordinal);
            await CheckPageAsync(page, "admin");

            // A form posted without its antiforgery token (as from another site) is refused, readably.
            var forged = await context.APIRequest.PostAsync(shop.Url.AbsoluteUri + $"admin/orders/{first}/refunds", new APIRequestContextOptions { Form = context.APIRequest.CreateFormData().Set("amount", "1"), MaxRedirects = 0 });
            Assert.Equal(400, forged.Status);
            Assert.Contains("expired", await forged.TextAsync(), StringComparison.Ordinal);
            Assert.Equal(3, (await shop.Services.GetRequiredService<RefundRepository>().ListAsync(first, CancellationToken.None)).Count);
        }
        finally
        {
            await shop.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>True once the sandbox's notification for the bill got result 0 (its control API's log).</summary>
    private static async Task<bool> DeliveredAsync(HttpClient http, SandboxHost sandbox, string billId)
    {
        using var log = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox.BaseUrl, "sandbox/control/notifications")));
        return log.RootElement.EnumerateArray().Any(n => n.GetProperty("bill_id").GetString() == billId && n.GetProperty("delivered").GetBoolean());
    }

    /// <summary>Clicks (<paramref name="click"/>), waits for the browser to reach a URL starting with <paramref name="prefix"/>, then for the page's order line.</summary>
    private static async Task ArriveAsync(IPage page, Func<Task> click, string prefix)
    {
        await click();
        await HeadlessChromium.ReachAsync(page, prefix);
        await page.WaitForSelectorAsync("#order");
    }

    private static async Task<string> BuyAsync(IPage page)
    {
        await page.FillAsync("#phone", "+79031234567");
        await page.ClickAsync("#buy");
        await page.WaitForSelectorAsync("#checkout");
        var id = await page.InnerTextAsync("#order");
        Assert.Matches(OrderId(), id);
        Assert.Equal("waiting", await page.InnerTextAsync("#status"));
        return id;
    }

    private static async Task<string> RefundAsync(IPage page, string orderId, string amount)
    {
        await page.FillAsync($"#amount-{orderId}", amount);
        await page.ClickAsync($"#refund-{orderId}");
        await page.WaitForSelectorAsync("#message");
        return await page.InnerTextAsync("#message");
    }

    private static Task CheckPageAsync(IPage page, string name) => Accessibility.CheckAsync(page, name);

    [GeneratedRegex(@"^SHOP-\d{8}-[0-9A-Z]{10}$")]
    private static partial Regex OrderId();
}
