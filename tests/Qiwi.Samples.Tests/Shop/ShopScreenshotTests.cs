using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// The pictures of docs/shop.md: every page it shows, on seeded orders (fixed ids, times, customer and refund ids; the
/// refunds and QIWI's 242 are the sandbox's real answers), in headless Chromium at a fixed viewport. Each page is
/// checked for what its caption says and with axe-core, on every run; with QIWI_SHOP_SCREENSHOTS=dir the pictures are
/// also written there as shop-{name}.png (<c>bash samples/shop-screenshots.sh</c> retakes docs/images with this test).
/// </summary>
public sealed class ShopScreenshotTests
{
    /// <summary>The pictures, by name: docs/images/shop-{name}.png, each shown in docs/shop.md.</summary>
    public static readonly string[] Pictures = ["product", "order", "success", "fail", "history", "login", "admin", "admin-older"];

    private const string Customer = "5eed0000000000000000000000c0ffee";
    private const string Base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Every_page_in_the_docs_shows_what_its_caption_says_on_seeded_orders()
    {
        var chromium = Requires.Chromium();
        var directory = Environment.GetEnvironmentVariable("QIWI_SHOP_SCREENSHOTS") is { Length: > 0 } path ? Path.GetFullPath(path) : null;
        await using var sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        var connectionString = ShopHost.TemporarySqlite(out var databaseDirectory);
        try
        {
            await using var shop = await ShopHost.StartAsync(sandbox, connectionString, notify: false, reconcile: false, "--Shop:AdminPageSize=3");
            var (seeded, overRefund) = await SeedAsync(shop, sandbox);
            var (waiting, paid, rejected) = (seeded[0], seeded[1], seeded[2]);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright, chromium);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1100, Height = 700 }, DeviceScaleFactor = 1, Locale = "en-US", TimezoneId = "UTC",
                ColorScheme = ColorScheme.Light, ReducedMotion = ReducedMotion.Reduce,
            });
            // The browser the first three orders were placed from (the order-history cookie).
            await context.AddCookiesAsync([new Cookie { Name = "shop_customer", Value = Customer, Domain = shop.Url.Host, Path = "/" }]);
            var page = await context.NewPageAsync();
            async Task TakeAsync(string name)
            {
                await Accessibility.CheckAsync(page, name);
                if (directory is not null)
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions
                    {
                        Path = Path.Combine(directory, "shop-" + name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide,
                    });
                }
            }

            await page.GotoAsync(shop.Url.AbsoluteUri);
            Assert.Equal(1, await page.Locator("#buy").CountAsync());
            await TakeAsync("product");

            // The order summary with its checkout link.
            await page.GotoAsync(shop.Url.AbsoluteUri + "orders/" + waiting);
            Assert.Equal((waiting, "waiting"), (await page.InnerTextAsync("#order"), await page.InnerTextAsync("#status")));
            Assert.StartsWith(sandbox.BaseUrl.AbsoluteUri, await page.GetAttributeAsync("#checkout", "href"), StringComparison.Ordinal);
            await TakeAsync("order");

            // Back from checkout, paid; back from checkout, declined.
            await page.GotoAsync(shop.Url.AbsoluteUri + "success?order=" + paid);
            Assert.Equal(("Thank you", "paid"), (await page.InnerTextAsync("h1"), await page.InnerTextAsync("#status")));
            await TakeAsync("success");
            await page.GotoAsync(shop.Url.AbsoluteUri + "fail?order=" + rejected);
            Assert.Equal(("The payment did not go through", "rejected"), (await page.InnerTextAsync("h1"), await page.InnerTextAsync("#status")));
            await TakeAsync("fail");

            await page.GotoAsync(shop.Url.AbsoluteUri + "orders");
            Assert.Equal(3, await page.Locator("#orders tbody tr").CountAsync());
            await TakeAsync("history");

            // The admin area: sign-in, then the newest page after the refunds (QIWI's 242 shown), then the older page.
            await page.GotoAsync(shop.Url.AbsoluteUri + "admin");
            Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
            await TakeAsync("login");
            await page.FillAsync("#password", ShopHost.AdminPassword);
            await page.ClickAsync("#sign-in");
            await page.WaitForSelectorAsync("#admin-orders");

            // The outcome of the last refund, as the refund form's redirect leaves it (AdminEndpoints: "!" for an error).
            await context.AddCookiesAsync([new Cookie { Name = "shop_admin_message", Value = Uri.EscapeDataString("!" + overRefund), Domain = shop.Url.Host, Path = "/admin" }]);
            await page.GotoAsync(shop.Url.AbsoluteUri + "admin");
            Assert.Contains("242", await page.InnerTextAsync("#message"), StringComparison.Ordinal);
            Assert.Equal("alert", await page.GetAttributeAsync("#message", "role"));
            Assert.Equal(seeded.Take(3).Select(id => "row-" + id), await page.Locator("#admin-orders tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)"));
            Assert.Contains("900.00 RUB", await page.InnerTextAsync($"#row-{paid} .refunded"), StringComparison.Ordinal);
            Assert.Equal(3, await page.Locator($"#row-{paid} .refunds li").CountAsync());
            Assert.Equal(1, await page.Locator("#find").CountAsync());
            Assert.Equal((0, 1), (await page.Locator("#newest").CountAsync(), await page.Locator("#older").CountAsync()));
            await TakeAsync("admin");

            await page.ClickAsync("#older");
            await page.WaitForSelectorAsync("#newest");
            Assert.Equal(seeded.Skip(3).Take(3).Select(id => "row-" + id), await page.Locator("#admin-orders tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)"));
            Assert.Equal(1, await page.Locator("#older").CountAsync());
            await TakeAsync("admin-older");
        }
        finally
        {
            Directory.Delete(databaseDirectory, recursive: true);
        }

        if (directory is not null)
        {
            Assert.All(Pictures, name => Assert.True(File.Exists(Path.Combine(directory, "shop-" + name + ".png")), name));
        }
    }

    /// <summary>
    /// Seven orders of 2026-11-20, newest first: the first three from this browser (waiting, paid, rejected), the rest
    /// from others. The paid one is a real sandbox invoice, paid there and read back through the shop's own path, then
    /// refunded 500 and 400 and over-refunded 700 (QIWI's 242) through the shop's refund path with seeded ids. Returns the
    /// ids, and QIWI's answer to the over-refund as the shop words it.
    /// </summary>
    private static async Task<(string[] Ids, string OverRefund)> SeedAsync(ShopApp shop, SandboxHost sandbox)
    {
        var random = new Random(20261120);
        var orders = shop.Services.GetRequiredService<OrderRepository>();
        var product = shop.Services.GetRequiredService<IOptions<ShopOptions>>().Value.Product;
        (string Time, string Status, string Customer, string Phone)[] plan =
        [
            ("10:42", OrderStatus.Waiting, Customer, "+79031234567"),
            ("10:31", OrderStatus.Paid, Customer, "+79031234567"),
            ("10:20", OrderStatus.Rejected, Customer, "+79031234567"),
            ("09:55", OrderStatus.Expired, "others01", "+79161230001"),
            ("09:40", OrderStatus.Paid, "others02", "+79261230002"),
            ("09:12", OrderStatus.Unpaid, "others03", "+79851230003"),
            ("08:30", OrderStatus.Paid, "others04", "+79031230004"),
        ];
        var ids = new List<string>();
        foreach (var (time, status, customer, phone) in plan)
        {
            var id = "SHOP-" + Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + new string(random.GetItems<char>(Base32, 10));
            var createdAt = (Day + TimeSpan.Parse(time, CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds();
            var order = new OrderRecord
            {
                Id = id, Customer = customer, Product = product, Phone = phone, AmountKopecks = 150_000, Status = OrderStatus.New,
                CreatedAt = createdAt, UpdatedAt = createdAt, ExpiresAt = createdAt + (long)TimeSpan.FromDays(1).TotalMilliseconds,
            };
            Assert.True(await orders.TryInsertAsync(order, TimeSpan.FromMinutes(2), CancellationToken.None));
            if (ids.Count == 1)
            {
                await PayInSandboxAsync(shop, sandbox, order);
            }
            else
            {
                Assert.Equal(ApplyOutcome.Applied, await orders.ApplyAsync(id, status, order.Amount, "RUB", "notification", null, CancellationToken.None));
            }

            Assert.Equal(status, (await orders.FindAsync(id, CancellationToken.None))!.Status);
            ids.Add(id);
        }

        var refunds = shop.Services.GetRequiredService<RefundRepository>();
        var refunding = shop.Services.GetRequiredService<Refunding>();
        var refundIds = Enumerable.Range(0, 3).Select(_ => new string(random.GetItems<char>(Base62, 9))).Order(StringComparer.Ordinal).ToArray();
        var message = "";
        foreach (var (refundId, amount) in refundIds.Zip([500m, 400m, 700m]))
        {
            Assert.True(await refunds.TryInsertAsync(ids[1], refundId, (long)(amount * 100), TimeSpan.FromMinutes(1), CancellationToken.None));
            message = await refunding.SendAsync(ids[1], refundId, amount, attempt: 0, CancellationToken.None);
        }

        Assert.Equal(
            [RefundState.Success, RefundState.Success, RefundState.Refused],
            (await refunds.ListAsync(ids[1], CancellationToken.None)).Select(r => r.Status));
        Assert.InRange(message.Length, 1, 300); // the flash cookie keeps 300 characters
        return ([.. ids], message);
    }

    /// <summary>Issues the order's invoice in the sandbox (a lifetime from the real clock: the client checks it), pays it there, and reads it back as the payer's return does.</summary>
    private static async Task PayInSandboxAsync(ShopApp shop, SandboxHost sandbox, OrderRecord order)
    {
        var qiwi = shop.Services.GetRequiredService<IQiwiPullClient>();
        await qiwi.CreateBillAsync(order.Id, "tel:" + order.Phone, order.Amount, Currency.Rub, "Order " + order.Id + ": " + order.Product, DateTimeOffset.UtcNow.AddDays(1), merchantName: "Book shop");
        using var http = new HttpClient();
        using var pay = await http.PostAsync(new Uri(sandbox.BaseUrl, $"sandbox/control/bills/{sandbox.Shop.ShopId}/{order.Id}/pay"), null);
        pay.EnsureSuccessStatusCode();
        Assert.True(await shop.Services.GetRequiredService<Checkout>().RefreshAsync(order.Id, "return", CancellationToken.None));
    }
}
