using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Every link on every page the shop shows a customer and its admin leads somewhere: each <c>href</c> (the shop's pages,
/// the stylesheet, the sandbox's checkout page, <c>#fragment</c>s to an id on the page) is followed, breadth first, and
/// answers 200, or redirects to a page that does. Forms post where a route takes them.
/// </summary>
public sealed partial class ShopLinkTests : ShopSandboxTest
{
    [Fact]
    public async Task Every_link_on_every_page_leads_to_a_page()
    {
        await using var shop = await ShopHost.StartAsync(Sandbox, TemporarySqlite(), notify: true, reconcile: false, "--Shop:AdminPageSize=2");
        using var customer = ShopBrowser.Open(shop.Url);
        var orders = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            orders.Add(await ShopBrowser.BuyAsync(customer, "+79031234567"));
        }

        using (var http = new HttpClient())
        {
            foreach (var (id, action) in orders.Zip(new[] { "pay", "reject", "pay" }))
            {
                using var move = await http.PostAsync(new Uri(Sandbox.BaseUrl, $"sandbox/control/bills/{Sandbox.Shop.ShopId}/{id}/{action}"), null);
                move.EnsureSuccessStatusCode();
                await shop.Services.GetRequiredService<Checkout>().RefreshAsync(id, "test", CancellationToken.None);
            }
        }

        using var admin = await ShopBrowser.AdminAsync(shop.Url);
        var customerStarts = new[] { "", "orders", "success?order=" + orders[0], "fail?order=" + orders[1], "success?order=nope", "admin/login" }.Concat(orders.Select(o => "orders/" + o));
        var adminStarts = new[] { "admin", "admin?order=" + orders[2], "admin?order=nope" };
        var (customerPages, customerBroken) = await CrawlAsync(customer, shop.Url, customerStarts);
        var (adminPages, adminBroken) = await CrawlAsync(admin, shop.Url, adminStarts);
        Assert.True(customerBroken.Count + adminBroken.Count == 0, "Broken links:\n" + string.Join("\n", customerBroken.Concat(adminBroken)));
        // The walk reached the pages it is about: the checkout page, each order, every admin page (3 of 2 orders each).
        Assert.Contains(customerPages, p => p.StartsWith(Sandbox.BaseUrl.AbsoluteUri, StringComparison.Ordinal));
        Assert.All(orders, o => Assert.Contains(shop.Url.AbsoluteUri + "orders/" + o, customerPages));
        Assert.True(adminPages.Count(p => p.Contains("admin?after=", StringComparison.Ordinal)) >= 2, string.Join("\n", adminPages));
    }

    /// <summary>Follows every link from <paramref name="starts"/>; returns the pages reached and the broken links, each with the page it is on.</summary>
    private static async Task<(HashSet<string> Pages, List<string> Broken)> CrawlAsync(HttpClient browser, Uri shop, IEnumerable<string> starts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var broken = new List<string>();
        var queue = new Queue<(Uri Url, string From)>(starts.Select(s => (new Uri(shop, s), "(start)")));
        while (queue.Count > 0 && seen.Count < 200)
        {
            var (url, from) = queue.Dequeue();
            var fragment = url.Fragment;
            var page = new Uri(url.GetLeftPart(UriPartial.Query));
            if (!seen.Add(page.AbsoluteUri + fragment))
            {
                continue;
            }

            using var response = await FollowAsync(browser, page);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{from} -> {url}: {(int)response.StatusCode}");
                continue;
            }

            if (fragment.Length > 1 && !body.Contains($"id=\"{fragment[1..]}\"", StringComparison.Ordinal))
            {
                broken.Add($"{from} -> {url}: no element {fragment}");
            }

            // The shop's pages only: links on the sandbox's checkout page are the sandbox's.
            if (page.Authority != shop.Authority || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            foreach (Match link in Link().Matches(body))
            {
                var target = new Uri(page, WebUtility.HtmlDecode(link.Groups[2].Value));
                if (link.Groups[1].Value == "action")
                {
                    continue; // a form: posted by the tests of what it does
                }

                queue.Enqueue((target, page.PathAndQuery));
            }
        }

        return (new HashSet<string>(seen.Select(s => s.Split('#')[0])), broken);
    }

    /// <summary>GET, following the shop's redirects (at most 5) with the browser's cookies.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(HttpClient browser, Uri url)
    {
        var response = await browser.GetAsync(url);
        for (var i = 0; i < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; i++)
        {
            var next = new Uri(url, response.Headers.Location!);
            response.Dispose();
            response = await browser.GetAsync(next);
            url = next;
        }

        return response;
    }

    [GeneratedRegex("(href|action)=\"([^\"]*)\"")]
    private static partial Regex Link();
}
