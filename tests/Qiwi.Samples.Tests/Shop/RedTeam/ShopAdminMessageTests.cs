using System.Net;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// The outcome of a refund is shown once, on the page the refund form redirects to (Post/Redirect/Get), and never
/// again: not on a reload, not on the older pages, not after the next sign-in.
/// </summary>
public sealed class ShopAdminMessageTests : IAsyncLifetime
{
    private SandboxHost _sandbox = null!;
    private ShopApp _shop = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        _shop = await ShopHost.StartAsync(_sandbox, ShopHost.TemporarySqlite(out _directory), notify: false, reconcile: false, "--Shop:AdminPageSize=1");
    }

    public async Task DisposeAsync()
    {
        await _shop.DisposeAsync();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_refunds_outcome_is_shown_once_and_not_on_the_next_page_or_reload()
    {
        using var customer = ShopBrowser.Open(_shop.Url);
        var older = await ShopBrowser.BuyAsync(customer, "+79031234567");
        var paid = await ShopBrowser.BuyAsync(customer, "+79031234567");
        using (var http = new HttpClient())
        {
            using var pay = await http.PostAsync(new Uri(_sandbox.BaseUrl, $"sandbox/control/bills/{_sandbox.Shop.ShopId}/{paid}/pay"), null);
            pay.EnsureSuccessStatusCode();
        }

        Assert.True(await _shop.Services.GetRequiredService<Checkout>().RefreshAsync(paid, "test", CancellationToken.None));
        using var admin = await ShopBrowser.AdminAsync(_shop.Url);
        foreach (var (amount, expected) in new[] { ("500", "Refunded 500.00 RUB"), ("2000", "more than the whole order"), ("1200", "242") })
        {
            var token = ShopBrowser.Token(await admin.GetStringAsync("admin"));
            using var post = await admin.PostAsync($"admin/orders/{paid}/refunds", new FormUrlEncodedContent([new("amount", amount), new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.Contains(expected, await admin.GetStringAsync(post.Headers.Location!.OriginalString.TrimStart('/')), StringComparison.Ordinal);

            // Shown once: a reload, the older page, and the newest page again show no message.
            foreach (var path in new[] { "admin", "admin?after=" + Uri.EscapeDataString(OlderCursor(await admin.GetStringAsync("admin"))), "admin?order=" + older, "admin" })
            {
                var page = await admin.GetStringAsync(path);
                Assert.DoesNotContain("id=\"message\"", page, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The cursor of the page's "Older orders" link.</summary>
    private static string OlderCursor(string page)
    {
        var start = page.IndexOf("/admin?after=", StringComparison.Ordinal) + "/admin?after=".Length;
        Assert.True(start > "/admin?after=".Length, "no older page");
        return Uri.UnescapeDataString(WebUtility.HtmlDecode(page[start..page.IndexOf('"', start)]));
    }
}
