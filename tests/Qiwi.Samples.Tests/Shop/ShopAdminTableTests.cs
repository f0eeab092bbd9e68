using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// The admin table, measured in the browser at the pictures' size (1100x700): on seeded orders with refunds in every
/// state, amounts up to 999 999.99 RUB, order and refund ids of random and of the widest characters their alphabets
/// have, and an order with a problem note, every page of the table lies within the page's 64rem column (nothing
/// beyond its right edge, no sideways scrolling), also with every refund's "Why" opened; and no row without a note is
/// more than one line taller than it would be if nothing in it wrapped (only an order id may break). The table was
/// 50 px wider than the column with the pictures' refunds, and a page wider still with an opened "Why".
/// </summary>
public sealed class ShopAdminTableTests : ShopSandboxTest
{
    private const string Base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The page's column, the table, and each row's height (and whether it has a problem note), from the browser.</summary>
    private const string Measure = """
        () => {
          const main = document.querySelector('main'), style = getComputedStyle(main), column = main.getBoundingClientRect();
          const table = document.querySelector('#admin-orders');
          return JSON.stringify({
            left: column.left + parseFloat(style.paddingLeft), right: column.right - parseFloat(style.paddingRight),
            tableLeft: table.getBoundingClientRect().left, tableRight: table.getBoundingClientRect().right,
            scrollWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
            columns: [...table.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().width)),
            line: parseFloat(getComputedStyle(table.querySelector('tbody td')).lineHeight),
            rows: [...table.querySelectorAll('tbody tr')].map(r => ({ id: r.id, height: r.getBoundingClientRect().height, note: r.querySelector('.problem') !== null })),
          });
        }
        """;

    [SkippableTheory]
    [InlineData(1120)]
    [InlineData(1126)]
    public async Task Every_admin_page_fits_the_column_and_no_row_grows_more_than_a_line(int seed)
    {
        var chromium = Requires.Chromium();
        await using var shop = await ShopHost.StartAsync(Sandbox, TemporarySqlite(), notify: false, reconcile: false, "--Shop:AdminPageSize=4");
        var seeded = await SeedAsync(shop, new Random(seed));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright, chromium);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 700 }, DeviceScaleFactor = 1, Locale = "en-US", TimezoneId = "UTC",
        });
        // Three pages measured six ways each in one browser: on two busy cores (every suite at once) a step took longer
        // than Playwright's 30 s default once (WaitForURL after "Older orders"); a bound still, not a timing asserted.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.Url.AbsoluteUri + "admin/login");
        await page.FillAsync("#password", ShopHost.AdminPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#admin-orders");

        var failures = new List<string>();
        var shown = new List<string>();
        for (var number = 1; ; number++)
        {
            var url = page.Url;
            var actual = await MeasureAsync(page);
            shown.AddRange(actual.Rows.Select(r => r.Id));
            failures.AddRange(Outside(actual, $"page {number}"));

            // The same page with nothing in the table allowed to wrap: how tall each row would be on one line.
            await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = "#admin-orders, #admin-orders * { white-space: nowrap !important; }" });
            var unwrapped = await MeasureAsync(page);
            foreach (var (row, reference) in actual.Rows.Zip(unwrapped.Rows).Where(p => !p.First.Note))
            {
                if (row.Height > reference.Height + actual.Line + 0.5)
                {
                    failures.Add($"page {number}, {row.Id}: {row.Height:0.#} px tall, {reference.Height:0.#} px unwrapped (a line is {actual.Line:0.#} px)");
                }
            }

            // Every refund's explanation opened.
            await page.GotoAsync(url);
            await page.EvaluateAsync("() => document.querySelectorAll('#admin-orders details').forEach(d => d.open = true)");
            failures.AddRange(Outside(await MeasureAsync(page), $"page {number} with every \"Why\" open"));

            if (await page.Locator("#older").CountAsync() == 0)
            {
                break;
            }

            // The link's own address, opened as the other pages are: a click then a wait for the address to change raced
            // the navigation under CI's load (a 90 s timeout in WaitForURL, once in a run).
            var older = await page.GetAttributeAsync("#older", "href");
            Assert.NotNull(older);
            await page.GotoAsync(new Uri(new Uri(url), older).ToString());
            await page.WaitForSelectorAsync("#admin-orders");
        }

        Assert.Equal(seeded.Select(id => "row-" + id), shown);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<string> Outside(Layout layout, string where)
    {
        if (layout.TableLeft < layout.Left - 0.5 || layout.TableRight > layout.Right + 0.5)
        {
            yield return $"{where}: the table spans {layout.TableLeft:0.#} to {layout.TableRight:0.#} px, the column {layout.Left:0.#} to {layout.Right:0.#} px (columns {string.Join(", ", layout.Columns)} px)";
        }

        if (layout.ScrollWidth > layout.Viewport)
        {
            yield return $"{where}: the page is {layout.ScrollWidth} px wide in a {layout.Viewport} px window";
        }
    }

    private static async Task<Layout> MeasureAsync(IPage page)
        => JsonSerializer.Deserialize<Layout>(await page.EvaluateAsync<string>(Measure), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    /// <summary>
    /// Twelve orders, newest first (three pages of four), of 1500.00 RUB or up to 999 999.99: most paid with up to four
    /// refunds (success, refused and failed with QIWI's words, processing, pending; seeded ids), the rest in the other
    /// states. The second page holds one waiting with a problem note, and one of 999 999.99 with a refund of 499 999.99
    /// processing (the widest refund line) beside it. Every third order id is of the widest characters of its alphabet
    /// (W and M), and so is one refund id in two on the last page. Returns the ids.
    /// </summary>
    private static async Task<string[]> SeedAsync(ShopApp shop, Random random)
    {
        var orders = shop.Services.GetRequiredService<OrderRepository>();
        var refunds = shop.Services.GetRequiredService<RefundRepository>();
        var product = shop.Services.GetRequiredService<IOptions<ShopOptions>>().Value.Product;
        var day = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        string[] others = [OrderStatus.Waiting, OrderStatus.Rejected, OrderStatus.Expired, OrderStatus.Unpaid];
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var id = "SHOP-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + new string(random.GetItems<char>(i % 3 == 0 ? "WM" : Base32, 10));
            var kopecks = i == 4 ? 99_999_999 : random.Next(2) == 0 ? random.Next(100_000, 100_000_000) : 150_000;
            var createdAt = (day + TimeSpan.FromMinutes(600 - (i * 17))).ToUnixTimeMilliseconds();
            var order = new OrderRecord
            {
                Id = id, Customer = "customer" + i, Product = product, Phone = "+7903" + random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture),
                AmountKopecks = kopecks, Status = OrderStatus.New, CreatedAt = createdAt, UpdatedAt = createdAt, ExpiresAt = createdAt + (long)TimeSpan.FromDays(1).TotalMilliseconds,
            };
            Assert.True(await orders.TryInsertAsync(order, TimeSpan.FromMinutes(2), CancellationToken.None));
            var status = i == 5 ? OrderStatus.Waiting : i == 4 || random.Next(3) != 0 ? OrderStatus.Paid : others[random.Next(others.Length)];
            Assert.Equal(ApplyOutcome.Applied, await orders.ApplyAsync(id, status, order.Amount, "RUB", "notification", null, CancellationToken.None));
            if (i == 5)
            {
                // QIWI reporting another amount: the order keeps its status and says why.
                Assert.Equal(ApplyOutcome.Mismatch, await orders.ApplyAsync(id, OrderStatus.Paid, order.Amount - 1, "RUB", "notification", null, CancellationToken.None));
            }
            else if (status == OrderStatus.Paid)
            {
                await RefundAsync(refunds, random, order, widest: i >= 8, first: i == 4 ? (RefundState.Processing, 49_999_999) : null);
            }

            ids.Add(id);
        }

        return [.. ids];
    }

    /// <summary>
    /// Up to four refunds of <paramref name="order"/>, in all less than its amount (so its refund form is shown), each in a
    /// seeded state, <paramref name="first"/> (a state and an amount in kopecks) first when given; with <paramref name="widest"/>
    /// one refund id in two is of the widest characters of its alphabet.
    /// </summary>
    private static async Task RefundAsync(RefundRepository refunds, Random random, OrderRecord order, bool widest, (string State, long Kopecks)? first)
    {
        var left = order.AmountKopecks - 100;
        for (var count = first is null ? random.Next(5) : 1 + random.Next(4); count > 0 && left > 100; count--)
        {
            var refundId = new string(random.GetItems<char>(widest && random.Next(2) == 0 ? "WMmw" : Base62, 9));
            var amount = first?.Kopecks ?? random.NextInt64(100, Math.Max(101, left / 2));
            left -= amount;
            Assert.True(await refunds.TryInsertAsync(order.Id, refundId, amount, TimeSpan.FromMinutes(1), CancellationToken.None));
            var (state, problem) = first is { } given ? (given.State, null) : random.Next(5) switch
            {
                0 => (RefundState.Refused, "QIWI answered 242: Invoice amount is greater than allowed. Also returned to a refund request when the refund exceeds the invoice amount or the amount left after the previous refunds."),
                1 => (RefundState.Fail, "QIWI reported the refund failed: the wallet refused the transfer; try again later or refund by other means."),
                2 => (RefundState.Processing, null),
                3 => (RefundState.Pending, null),
                _ => (RefundState.Success, (string?)null),
            };
            first = null;
            if (state != RefundState.Pending)
            {
                Assert.True(await refunds.SettleAsync(order.Id, refundId, state, problem, state == RefundState.Processing ? TimeSpan.FromMinutes(1) : null, CancellationToken.None));
            }
        }
    }

    private sealed record Layout(double Left, double Right, double TableLeft, double TableRight, double ScrollWidth, double Viewport, int[] Columns, double Line, Row[] Rows);

    private sealed record Row(string Id, double Height, bool Note);
}
