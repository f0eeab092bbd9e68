using Microsoft.Playwright;
using Qiwi.Sandbox.Tests.Generated;
using Qiwi.Testing;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The dashboard at <c>/</c> in a real browser (Debian's Chromium, headless, driven by Playwright): it shows the
/// credentials to paste, the invoices and notifications, and its buttons act through the control API.
/// </summary>
public sealed class DashboardBrowserTests
{
    [SkippableFact]
    public async Task The_dashboard_shows_the_state_and_its_buttons_pay_reject_fail_expire_and_advance_the_clock()
    {
        var chromium = Requires.Chromium();
        await using var f = await SandboxFixture.StartAsync(shop: s => s.NotificationUrl = new Uri("http://127.0.0.1:9/notify"));
        await f.CreateBillAsync("DASH-1", amount: 12.34m);
        await f.CreateBillAsync("DASH/2");
        await f.CreateBillAsync("..");
        await f.CreateBillAsync("DASH 4");
        await f.CreateBillAsync(".", paySource: PaySource.Mobile);
        await f.CreateBillAsync("SMS/5", paySource: PaySource.Mobile);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright, chromium);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(f.Host.BaseUrl.AbsoluteUri);

        await page.WaitForSelectorAsync("tr[data-bill='DASH-1']");
        Assert.Contains(f.Host.Shop.ApiPassword, await page.InnerTextAsync("pre.paste"), StringComparison.Ordinal);
        Assert.Contains("\"SandboxBaseUrl\": \"" + f.Host.BaseUrl.AbsoluteUri + "\"", await page.InnerTextAsync("pre.paste"), StringComparison.Ordinal);
        Assert.Contains(Qiwi.Sandbox.Hosting.ClientSettings.CSharp(f.Host.BaseUrl, f.Host.Shop), await page.InnerTextAsync("pre.paste-code"), StringComparison.Ordinal);
        Assert.Contains("12.34 RUB", await page.InnerTextAsync("tr[data-bill='DASH-1']"), StringComparison.Ordinal);

        await page.ClickAsync("button[data-action='pay'][data-bill='DASH/2']");
        await page.WaitForSelectorAsync("tr[data-bill='DASH/2'] .status:text-is('paid')");
        await page.ClickAsync("button[data-action='reject'][data-bill='DASH-1']");
        await page.WaitForSelectorAsync("tr[data-bill='DASH-1'] .status:text-is('rejected')");
        await page.ClickAsync("button[data-action='fail'][data-bill='..']");
        await page.WaitForSelectorAsync("tr[data-bill='..'] .status:text-is('unpaid')");
        await page.ClickAsync("button[data-action='expire'][data-bill='DASH 4']");
        await page.WaitForSelectorAsync("tr[data-bill='DASH 4'] .status:text-is('expired')");
        Assert.Equal(BillStatus.Unpaid, (await f.Client.GetBillStatusAsync("..")).Status);
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("DASH 4")).Status);
        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync("DASH/2")).Status);
        Assert.Equal(BillStatus.Rejected, (await f.Client.GetBillStatusAsync("DASH-1")).Status);

        // A Mobile Commerce invoice offers the reply SMS instead of the wallet's Pay and Reject.
        Assert.Equal(0, await page.Locator("button[data-action='pay'][data-bill='.']").CountAsync());
        await page.ClickAsync("button[data-action='sms/confirm'][data-bill='.']");
        await page.WaitForSelectorAsync("tr[data-bill='.'] .status:text-is('paid')");
        await page.ClickAsync("button[data-action='sms/decline'][data-bill='SMS/5']");
        await page.WaitForSelectorAsync("tr[data-bill='SMS/5'] .status:text-is('rejected')");
        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync(".")).Status);
        Assert.Equal(BillStatus.Rejected, (await f.Client.GetBillStatusAsync("SMS/5")).Status);

        await page.FillAsync("#advance-seconds", "7200");
        await page.ClickAsync("#advance");
        await page.WaitForSelectorAsync("#offset:has-text('7200')");
        Assert.Equal(7200, (await f.ControlGetAsync("clock")).GetProperty("offset_seconds").GetDouble());

        await page.WaitForSelectorAsync("#notifications td:text-is('DASH/2')");
        Assert.Contains("paid", await page.InnerTextAsync("#notifications"), StringComparison.Ordinal);
    }
}
