using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// The admin's orders, past the first page: more than the 200 the page once showed, many placed in the same
/// millisecond, new ones (newer and older than the page being read) placed while the admin pages, seeded page sizes;
/// every order is reachable exactly once, in order. Hand-edited page links and searches show a page, never an error.
/// </summary>
public sealed partial class ShopAdminPagingTests : ShopSandboxTest
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(2, 7)]
    [InlineData(3, 33)]
    public async Task Every_order_is_on_exactly_one_page_in_order_while_new_ones_arrive(int seed, int? pageSize)
    {
        string[] extra = pageSize is null ? [] : ["--Shop:AdminPageSize=" + pageSize.Value.ToString(CultureInfo.InvariantCulture)];
        await using var shop = await ShopHost.StartAsync(Sandbox, TemporarySqlite(), false, false, extra);
        var size = pageSize ?? 50;
        var random = new Random(seed);
        var repository = shop.Services.GetRequiredService<OrderRepository>();
        // 230 orders over 40 distinct milliseconds: ties everywhere, broken by id.
        var orders = new List<OrderRecord>();
        for (var i = 0; i < 230; i++)
        {
            orders.Add(await InsertAsync(repository, random, 1_700_000_000_000 + random.Next(40)));
        }

        using var admin = await ShopBrowser.AdminAsync(shop.Url);
        var seen = new List<string>();
        var path = "admin";
        for (var page = 0; path is not null; page++)
        {
            Assert.True(page < 100, "the pages never end");
            var html = await admin.GetStringAsync(path);
            var rows = Rows().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            Assert.InRange(rows.Count, 1, size);
            seen.AddRange(rows);
            var older = Older().Match(html);
            path = older.Success ? WebUtility.HtmlDecode(older.Groups[1].Value) : null;
            Assert.True(path is null || rows.Count == size, "a page short of its size, and more after it");
            if (page == 0)
            {
                // While the admin reads: newer orders (on the first page, not shifting the rest) and one in the past's middle.
                for (var i = 0; i < 3; i++)
                {
                    await InsertAsync(repository, random, 1_800_000_000_000 + i);
                }

                orders.Add(await InsertAsync(repository, random, 1_700_000_000_000 + 20));
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        var expected = orders.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal).Select(o => o.Id).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Hand_edited_page_links_and_searches_show_a_page_never_an_error()
    {
        await using var shop = await ShopHost.StartAsync(Sandbox, TemporarySqlite(), false, false, "--Shop:AdminPageSize=5");
        var repository = shop.Services.GetRequiredService<OrderRepository>();
        var random = new Random(4);
        var orders = new List<OrderRecord>();
        for (var i = 0; i < 12; i++)
        {
            orders.Add(await InsertAsync(repository, random, 1_700_000_000_000 + i));
        }

        using var admin = await ShopBrowser.AdminAsync(shop.Url);
        string[] cursors =
        [
            "", "_", "x", "abc_SHOP", "-1_SHOP", "1.5_SHOP", "99999999999999999999999_SHOP", "1_" + new string('A', 41), "1_%00", "1_' OR '1'='1",
            "1_%3Cscript%3Ealert(1)%3C/script%3E", "%E2%80%AE_x", "9223372036854775807_" + new string('z', 40), "0_x",
        ];
        foreach (var cursor in cursors)
        {
            using var response = await admin.GetAsync("admin?after=" + cursor);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
            Assert.InRange(Rows().Matches(html).Count, 0, 5);
        }

        var wanted = orders[7];
        var found = await admin.GetStringAsync("admin?order=" + Uri.EscapeDataString(" " + wanted.Id + " "));
        Assert.Equal([wanted.Id], Rows().Matches(found).Select(m => m.Groups[1].Value));
        foreach (var search in new[] { "SHOP-NOPE", "<script>alert(1)</script>", new string('A', 5000), "%00", wanted.Id.ToLowerInvariant() })
        {
            var page = await admin.GetStringAsync("admin?order=" + Uri.EscapeDataString(search));
            Assert.Empty(Rows().Matches(page));
            Assert.DoesNotContain("<script>", page, StringComparison.OrdinalIgnoreCase);
        }

        // The admin area only.
        using var anonymous = ShopBrowser.Open(shop.Url);
        using var refused = await anonymous.GetAsync("admin?order=" + wanted.Id);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    private static async Task<OrderRecord> InsertAsync(OrderRepository repository, Random random, long createdAt)
    {
        var order = new OrderRecord
        {
            Id = "SHOP-" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + "-" + random.Next(1000).ToString("000", CultureInfo.InvariantCulture),
            Customer = "c1", Product = "p", Phone = "+79031234567", AmountKopecks = 150000, Status = OrderStatus.Waiting,
            CreatedAt = createdAt, UpdatedAt = createdAt, ExpiresAt = createdAt + 86_400_000,
        };
        Assert.True(await repository.TryInsertAsync(order, TimeSpan.FromDays(1), CancellationToken.None));
        return order;
    }

    [GeneratedRegex("<tr id=\"row-([^\"]+)\">")]
    private static partial Regex Rows();

    [GeneratedRegex("href=\"([^\"]+)\" id=\"older\"")]
    private static partial Regex Older();
}
