using Qiwi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A person's path through checkout in a real browser: Debian's Chromium, headless, driven by Playwright.
/// Open the checkout page the merchant redirects to, click Pay, land on the merchant's successUrl with the
/// right <c>order</c>. Needs /usr/bin/chromium (<c>apt-get install chromium</c>, done by .ci/run).
/// </summary>
public sealed class BrowserTests
{

    [SkippableFact]
    public async Task A_payer_pays_on_the_checkout_page_and_lands_on_the_merchants_success_page()
    {
        var chromium = Requires.Chromium();
        await using var f = await SandboxFixture.StartAsync();
        await using var merchant = await MerchantSite.StartAsync();
        await f.CreateBillAsync("BROWSER-1", amount: 199.99m);
        var checkout = f.Client.Redirects.Checkout(
            f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), "BROWSER-1",
            successUrl: merchant.Url + "success?cart=7", failUrl: merchant.Url + "fail");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright, chromium);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(checkout.AbsoluteUri);
        Assert.Contains("199.99 RUB", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await page.ClickAsync("#pay");

        await HeadlessChromium.ReachAsync(page, merchant.Url + "success");

        var landed = new Uri(page.Url);
        Assert.Equal("BROWSER-1", QiwiPullRedirects.ParseCheckoutReturn(landed).BillId);
        Assert.Contains("cart=7", landed.Query, StringComparison.Ordinal);
        Assert.Equal("Thank you for order BROWSER-1", await page.InnerTextAsync("h1"));
        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync("BROWSER-1")).Status);
    }

    /// <summary>
    /// Ids the spec allows that a page can garble: line ends (an HTML parser turns a CR or CRLF in an attribute into LF
    /// before it reads the value), a tab, markup, character references, '/' and '..', percent signs, an emoji. Each is
    /// paid through the page in a real browser, and the very invoice must be paid and come back in <c>order</c>.
    /// </summary>
    [SkippableFact]
    public async Task A_payer_pays_invoices_whose_ids_hold_line_ends_and_markup()
    {
        var chromium = Requires.Chromium();
        await using var f = await SandboxFixture.StartAsync();
        await using var merchant = await MerchantSite.StartAsync();
        string[] ids = ["CR\rid", "LF\nid", "CRLF\r\nid", "tab\tid", "<b>&amp;\"'</b>", "a/../b", "100%41+", "\U0001F600 \u2028"];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright, chromium);
        var failures = new List<string>();
        foreach (var id in ids)
        {
            await f.CreateBillAsync(id);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(f.Client.Redirects.Checkout(f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), id, successUrl: merchant.Url + "success?cart=7#done").AbsoluteUri);
            await page.ClickAsync("#pay");
            await HeadlessChromium.ReachAsync(page, merchant.Url + "success");

            var back = QiwiPullRedirects.TryParseCheckoutReturn(new Uri(page.Url), out var landed) ? landed.BillId : null;
            var status = (await f.Client.GetBillStatusAsync(id)).Status;
            if (back != id || status != BillStatus.Paid)
            {
                failures.Add($"{FormValueRoundTripTests.Show(id)}: came back as {(back is null ? "nothing" : FormValueRoundTripTests.Show(back))}, the invoice {status}");
            }

            await page.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The merchant's own pages the payer returns to.</summary>
    private sealed class MerchantSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private MerchantSite(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/";

        public static async Task<MerchantSite> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/success", (HttpContext context) => Results.Content(
                "<!DOCTYPE html><html><body><h1>Thank you for order " + System.Net.WebUtility.HtmlEncode(context.Request.Query["order"]) + "</h1></body></html>", "text/html"));
            await app.StartAsync();
            return new MerchantSite(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
