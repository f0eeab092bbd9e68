using System.Net;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// The shop's pages as an attacker sees them: markup in every value that reaches a page, open redirects after
/// sign-in, admin posts without (or with someone else's) antiforgery token, odd and huge ids and inputs.
/// </summary>
public sealed class ShopWebAttackTests : IAsyncLifetime
{
    private const string Script = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

    private SandboxHost _sandbox = null!;
    private ShopApp _shop = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        _shop = await ShopHost.StartAsync(_sandbox, ShopHost.TemporarySqlite(out _directory), notify: true, reconcile: false, "--Shop:Product=" + Script);
    }

    public async Task DisposeAsync()
    {
        await _shop.DisposeAsync();
        await _sandbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Markup_in_the_product_the_query_and_the_path_is_never_written_raw()
    {
        using var customer = Browser();
        var placed = await BuyAsync(customer, "+79031234567");
        var escaped = Uri.EscapeDataString(Script);
        string[] paths =
        [
            "", "orders", "orders/" + placed, "orders/" + escaped, "success?order=" + escaped, "fail?order=" + escaped,
            $"success?order={placed}&x={escaped}", "admin/login?returnUrl=" + escaped,
        ];
        foreach (var path in paths)
        {
            using var response = await customer.GetAsync(path);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain("<script>", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        }

        using var admin = await AdminAsync();
        var orders = await admin.GetStringAsync("admin");
        Assert.Contains(placed, orders, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", orders, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_browser_neither_sees_nor_refreshes_an_order_whose_id_it_knows()
    {
        using var owner = Browser();
        var placed = await BuyAsync(owner, "+79031234567");
        using var stranger = Browser();

        using (var page = await stranger.GetAsync("orders/" + placed))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain("+79031234567", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "success?order=" + placed, "fail?order=" + placed, "orders" })
        {
            var page = await stranger.GetStringAsync(path);
            Assert.DoesNotContain(placed, page, StringComparison.Ordinal);
        }

        // A forged customer cookie (not 32 lower-case hex digits, or another browser's guess) is no one's.
        using var forger = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _shop.Url };
        foreach (var cookie in new[] { "", "%00", new string('0', 32), placed, "' OR '1'='1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "orders/" + placed);
            request.Headers.Add("Cookie", "shop_customer=" + cookie);
            using var response = await forger.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("https://evil.example/admin")]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example/admin")]
    [InlineData("\\\\evil.example/admin")]
    [InlineData("/admin/..//evil.example")]
    [InlineData("/admin\\..\\..\\\\evil.example")]
    [InlineData("/admin@evil.example")]
    [InlineData("/admin%0d%0aLocation:%20https://evil.example")]
    [InlineData("/admin\r\nLocation: https://evil.example")]
    [InlineData("/admin\tx")]
    [InlineData("javascript:alert(1)//admin")]
    public async Task Sign_in_never_redirects_off_the_shop(string returnUrl)
    {
        using var browser = Browser();
        using var signIn = await SignInAsync(browser, ShopHost.AdminPassword, returnUrl);

        // Signed in (the cookie is set), and sent to an admin page of this shop: another site's, a path outside the
        // admin area (`/admin/..//x` is `//x` on this host) or a broken header never.
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var location = signIn.Headers.Location!.OriginalString;
        Assert.Equal("/admin", location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Admin_posts_without_the_admins_own_token_change_nothing()
    {
        using var customer = Browser();
        var placed = await BuyAsync(customer, "+79031234567");
        await PayAsync(placed);
        using var admin = await AdminAsync();
        var refunds = _shop.Services.GetRequiredService<RefundRepository>();

        // No token; a token from the customer's (anonymous) page; a token from another admin session; garbage.
        var anonymous = Token(await customer.GetStringAsync(""));
        using var other = await AdminAsync();
        var foreign = Token(await other.GetStringAsync("admin"));
        foreach (var token in new[] { null, anonymous, foreign, "CfDJ8" + new string('A', 100) })
        {
            var fields = new List<KeyValuePair<string, string>> { new("amount", "1500.00") };
            if (token is not null)
            {
                fields.Add(new("__RequestVerificationToken", token));
            }

            using var post = await admin.PostAsync($"admin/orders/{placed}/refunds", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        Assert.Empty(await refunds.ListAsync(placed, CancellationToken.None));

        // Without the admin cookie, even with a valid form: sent to sign in, nothing done.
        using var anonymousPost = await customer.PostAsync($"admin/orders/{placed}/refunds", new FormUrlEncodedContent([new("amount", "1500.00"), new("__RequestVerificationToken", anonymous)]));
        Assert.Equal(HttpStatusCode.Redirect, anonymousPost.StatusCode);
        Assert.Equal("/admin/login", anonymousPost.Headers.Location!.AbsolutePath);
        Assert.Empty(await refunds.ListAsync(placed, CancellationToken.None));
    }

    [Fact]
    public async Task Odd_and_huge_ids_and_inputs_are_answered_without_an_error_and_change_nothing()
    {
        using var customer = Browser();
        var placed = await BuyAsync(customer, "+79031234567");
        await PayAsync(placed);
        using var admin = await AdminAsync();
        var token = Token(await admin.GetStringAsync("admin"));
        string[] ids = [placed + "%2F..", placed + "%2F..%2F..", "..%2F..%2Fadmin", "%00", placed.ToLowerInvariant(), placed + "%20", new string('A', 3000)];
        foreach (var id in ids)
        {
            using var page = await customer.GetAsync("orders/" + id);
            Assert.True(page.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"GET orders/{id}: {page.StatusCode}");
            using var refund = await admin.PostAsync($"admin/orders/{id}/refunds", new FormUrlEncodedContent([new("amount", "1.00"), new("__RequestVerificationToken", token)]));
            Assert.True(refund.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed, $"POST {id}: {refund.StatusCode}");
        }

        foreach (var amount in new[] { new string('9', 100_000), "1" + new string('0', 40), "1e3", "-0", "0x10", "１５００" })
        {
            using var refund = await admin.PostAsync($"admin/orders/{placed}/refunds", new FormUrlEncodedContent([new("amount", amount), new("__RequestVerificationToken", token)]));
            Assert.True(refund.StatusCode == HttpStatusCode.Redirect, $"amount {amount[..Math.Min(amount.Length, 20)]}: {refund.StatusCode} {await refund.Content.ReadAsStringAsync()}");
        }

        // A NUL in a form value (ASP.NET Core's form reader refuses the body): a 400 page, not a 500.
        using (var nul = await admin.PostAsync($"admin/orders/{placed}/refunds", new FormUrlEncodedContent([new("amount", "1500.00\0"), new("__RequestVerificationToken", token)])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        }

        Assert.Empty(await _shop.Services.GetRequiredService<RefundRepository>().ListAsync(placed, CancellationToken.None));
        var statuses = (await _shop.Services.GetRequiredService<OrderRepository>().ListAsync(null, 100, CancellationToken.None)).Select(o => o.Status).ToList();
        Assert.Equal(["paid"], statuses);

        // A huge or strange phone number is refused before any order is stored.
        var form = Token(await customer.GetStringAsync(""));
        foreach (var phone in new[] { "+7" + new string('9', 1_000_000), "+7903<script>", "+79031234567\n+79031234568", "+79031234567\0", "" })
        {
            using var post = await customer.PostAsync("orders", new FormUrlEncodedContent([new("phone", phone), new("__RequestVerificationToken", form)]));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        Assert.Single(await _shop.Services.GetRequiredService<OrderRepository>().ListAsync(null, 100, CancellationToken.None));
    }

    [Fact]
    public async Task One_address_cannot_have_the_shop_send_invoices_to_any_wallet_at_any_rate()
    {
        // Each order issues an invoice to the wallet its form names (QIWI tells the wallet's owner). 21 orders at once
        // from one address: the limit is 10 a minute in fixed windows, so at most two windows pass 20 of them.
        using var attacker = Browser();
        var token = Token(await attacker.GetStringAsync(""));
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            using var post = await attacker.PostAsync("orders", new FormUrlEncodedContent([new("phone", "+7903000" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)]));
            codes.Add(post.StatusCode);
            if (post.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Wait a minute", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.All(codes, code => Assert.True(code is HttpStatusCode.Redirect or HttpStatusCode.TooManyRequests, code.ToString()));
        var placed = await _shop.Services.GetRequiredService<OrderRepository>().ListAsync(null, 100, CancellationToken.None);
        Assert.Equal(codes.Count(c => c == HttpStatusCode.Redirect), placed.Count);
        using var http = new HttpClient();
        Assert.Equal(placed.Count, System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(_sandbox.BaseUrl, "sandbox/control/bills"))).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_wrong_password_is_never_echoed_and_guessing_is_limited_per_address()
    {
        using var guesser = Browser();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            var guess = "guess-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-<b>";
            using var post = await SignInAsync(guesser, guess, "/admin");
            codes.Add(post.StatusCode);
            var page = await post.Content.ReadAsStringAsync();
            Assert.DoesNotContain("guess-", page, StringComparison.Ordinal);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.All(codes, code => Assert.True(code is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, code.ToString()));
    }

    private HttpClient Browser() => ShopBrowser.Open(_shop.Url);

    private static Task<string> BuyAsync(HttpClient customer, string phone) => ShopBrowser.BuyAsync(customer, phone);

    private async Task PayAsync(string billId)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(_sandbox.BaseUrl, $"sandbox/control/bills/{_sandbox.Shop.ShopId}/{billId}/pay"), null);
        Assert.True(response.IsSuccessStatusCode);
        await _shop.Services.GetRequiredService<Checkout>().RefreshAsync(billId, "test", CancellationToken.None);
        Assert.Equal("paid", (await _shop.Services.GetRequiredService<OrderRepository>().FindAsync(billId, CancellationToken.None))!.Status);
    }

    private Task<HttpClient> AdminAsync() => ShopBrowser.AdminAsync(_shop.Url);

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password, string returnUrl) => ShopBrowser.SignInAsync(browser, password, returnUrl);

    private static string Token(string page) => ShopBrowser.Token(page);
}
