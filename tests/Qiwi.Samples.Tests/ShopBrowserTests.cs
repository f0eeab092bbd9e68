using Qiwi.Testing;
using Microsoft.Playwright;
using Qiwi.Samples.Shop;

namespace Qiwi.Samples.Tests;

/// <summary>
/// The shop sample in a real browser (Debian's Chromium, headless, driven by Playwright): buy, pay on the
/// sandbox's checkout page, come back to the success page, see the order paid once the notification
/// arrived, and refund it from the admin page.
/// </summary>
public sealed class ShopBrowserTests
{

    [SkippableFact]
    public async Task A_customer_buys_pays_returns_and_the_merchant_refunds()
    {
        var chromium = Requires.Chromium();
        await using var shop = await ShopApp.StartAsync([], "http://127.0.0.1:0");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(shop.Url.AbsoluteUri);
        await page.ClickAsync("#buy");
        await page.WaitForSelectorAsync("#pay");
        Assert.Contains("1500.00 RUB", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await page.ClickAsync("#pay");

        await page.WaitForURLAsync(url => url.StartsWith(shop.Url.AbsoluteUri + "success", StringComparison.Ordinal));
        Assert.Equal("SHOP-1", await page.InnerTextAsync("#order"));
        Assert.Contains("order=SHOP-1", page.Url, StringComparison.Ordinal);

        // The order is paid when QIWI's (the sandbox's) signed notification has arrived.
        for (var i = 0; i < 50 && await page.InnerTextAsync("#status") != "paid"; i++)
        {
            await Task.Delay(100);
            await page.ReloadAsync();
        }

        Assert.Equal("paid", await page.InnerTextAsync("#status"));

        await page.GotoAsync(shop.Url.AbsoluteUri + "admin");
        Assert.Equal("paid", await page.InnerTextAsync("#row-SHOP-1 .status"));
        await page.ClickAsync("#refund-SHOP-1");
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal));
        Assert.Equal("refunded", await page.InnerTextAsync("#row-SHOP-1 .status"));
        Assert.Contains("1500.00", await page.InnerTextAsync("#row-SHOP-1"), StringComparison.Ordinal);
    }
}
