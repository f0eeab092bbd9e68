using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// The checkout link's return URLs (where QIWI sends the payer after paying) come from <c>Shop:PublicBaseUrl</c>, never
/// from the request: forged <c>Host</c>, <c>X-Forwarded-*</c> and <c>Forwarded</c> headers, seeded, on every request of a
/// purchase, behind a trusted proxy too; a missing or unusable setting stops the start naming the key.
/// </summary>
public sealed partial class ShopReturnAddressTests : ShopSandboxTest
{
    private const string Configured = "https://shop.example.com/books/";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Forged_host_headers_never_reach_the_checkout_links_return_urls(int seed)
    {
        // Production, behind a "proxy" on loopback whose forwarded headers the shop believes (For and Proto only).
        await using var shop = await ShopHost.StartAsync(Sandbox, TemporarySqlite(), notify: false, reconcile: false,
            "--environment=Production", "--Shop:PublicBaseUrl=" + Configured, "--Shop:TrustedProxies:0=127.0.0.1", "--Shop:OrdersPerMinute=1000");
        var random = new Random(seed);
        for (var order = 0; order < 8; order++)
        {
            using var browser = ShopBrowser.Open(shop.Url);
            var token = ShopBrowser.Token(await SendAsync(browser, HttpMethod.Get, "", null, Forge(random)));
            var placed = await SendAsync(browser, HttpMethod.Post, "orders", new FormUrlEncodedContent([new("phone", "+7903123456" + order), new("__RequestVerificationToken", token)]), Forge(random));
            for (var view = 0; view < 3; view++)
            {
                var headers = Forge(random);
                var page = await SendAsync(browser, HttpMethod.Get, placed, null, headers);
                var (success, fail) = ReturnUrls(page);
                Assert.Equal(Configured + "success", success);
                Assert.Equal(Configured + "fail", fail);
                foreach (var forged in headers.Where(h => h.Key is not ("X-Forwarded-Proto" or "X-Forwarded-For")).Select(h => h.Value))
                {
                    Assert.DoesNotContain(forged, page, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public async Task In_development_without_the_setting_the_return_urls_are_the_listening_address_whatever_the_host_header()
    {
        await using var shop = await ShopHost.StartAsync(Sandbox, TemporarySqlite(), notify: false, reconcile: false);
        using var browser = ShopBrowser.Open(shop.Url);
        var random = new Random(7);
        var token = ShopBrowser.Token(await SendAsync(browser, HttpMethod.Get, "", null, Forge(random)));
        var placed = await SendAsync(browser, HttpMethod.Post, "orders", new FormUrlEncodedContent([new("phone", "+79031234567"), new("__RequestVerificationToken", token)]), Forge(random));

        var (success, fail) = ReturnUrls(await SendAsync(browser, HttpMethod.Get, placed, null, Forge(random)));

        Assert.Equal(new Uri(shop.Url, "success").AbsoluteUri, success);
        Assert.Equal(new Uri(shop.Url, "fail").AbsoluteUri, fail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/?x=1")]
    public async Task Outside_development_a_missing_or_unusable_public_base_url_stops_the_start(string? value)
    {
        string[] extra = value is null ? ["--environment=Production"] : ["--environment=Production", "--Shop:PublicBaseUrl=" + value];
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ShopHost.StartAsync(Sandbox, TemporarySqlite(), false, false, extra));
        Assert.Contains("Shop:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("/books/")]
    [InlineData("ftp://shop.example.com/")]
    [InlineData("javascript:alert(1)//")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@shop.example.com/")]
    [InlineData("https://shop.example.com/?next=https://evil.example")]
    [InlineData("https://shop.example.com/#x")]
    [InlineData("http://shop.example.com/")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("https://")]
    [InlineData("   ")]
    public void An_unusable_public_base_url_is_refused_naming_the_key(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PublicAddress.Parse(value, listeningAllowed: false));
        Assert.StartsWith("Shop:PublicBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message.Replace(value, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example.com", "https://shop.example.com/")]
    [InlineData("https://shop.example.com/books", "https://shop.example.com/books/")]
    [InlineData(" https://SHOP.example.com:8443/a/b/ ", "https://shop.example.com:8443/a/b/")]
    [InlineData("http://127.0.0.1:5090", "http://127.0.0.1:5090/")]
    [InlineData("http://localhost:5090/shop", "http://localhost:5090/shop/")]
    public void A_usable_public_base_url_gets_one_trailing_slash(string value, string expected)
        => Assert.Equal(expected, PublicAddress.Parse(value, listeningAllowed: false)!.AbsoluteUri);

    /// <summary>Headers an attacker sets to move the return URL: a seeded host (with or without a port) in each header that names one.</summary>
    private static List<KeyValuePair<string, string>> Forge(Random random)
    {
        string Host()
        {
            var label = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789-"[random.Next(37)]).ToArray()).Trim('-');
            var host = (label.Length == 0 ? "x" : label) + "-evil." + (random.Next(3) switch { 0 => "example", 1 => "test", _ => "invalid" });
            return random.Next(3) == 0 ? host + ":" + random.Next(1, 65536).ToString(CultureInfo.InvariantCulture) : host;
        }

        var headers = new List<KeyValuePair<string, string>> { new("Host", Host()) };
        foreach (var name in new[] { "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Original-Host", "Forwarded", "X-Forwarded-For" })
        {
            if (random.Next(2) == 0)
            {
                continue;
            }

            headers.Add(new(name, name switch
            {
                "X-Forwarded-Proto" => "http", // a downgrade (https would make the customer's cookie Secure, which this plain-http browser then keeps to itself)
                "X-Forwarded-Prefix" => "/" + Host(),
                "Forwarded" => "host=" + Host() + ";proto=https",
                "X-Forwarded-For" => "203.0.113." + random.Next(1, 255).ToString(CultureInfo.InvariantCulture),
                _ => Host(),
            }));
        }

        return headers;
    }

    /// <summary>Sends with the forged headers; a GET gives the page, a POST the place it redirects to.</summary>
    private static async Task<string> SendAsync(HttpClient browser, HttpMethod method, string path, HttpContent? content, List<KeyValuePair<string, string>> headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await browser.SendAsync(request);
        if (method == HttpMethod.Post)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.False(location.IsAbsoluteUri, location.OriginalString);
            return location.OriginalString.TrimStart('/');
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static (string Success, string Fail) ReturnUrls(string page)
    {
        var link = CheckoutLink().Match(page);
        Assert.True(link.Success, "no checkout link on the order page");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(WebUtility.HtmlDecode(link.Groups[1].Value)).Query);
        return (query["successUrl"]!, query["failUrl"]!);
    }

    [GeneratedRegex("id=\"checkout\" href=\"([^\"]+)\"")]
    private static partial Regex CheckoutLink();
}
