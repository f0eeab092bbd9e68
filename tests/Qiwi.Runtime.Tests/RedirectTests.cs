using System.Security.Cryptography;
using System.Text;
using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests;

/// <summary>The redirect URLs match the docs' examples; the signed web form's signature is the documented HMAC.</summary>
public sealed class RedirectTests
{
    /// <summary>The default environment: the spec's servers.</summary>
    private static readonly QiwiPullRedirects Production = new(new QiwiClientOptions());

    [Theory]
    [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5080/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("https://sandbox.test/qiwi/", "https://sandbox.test/qiwi/")]
    public void With_a_sandbox_every_builder_points_at_it_keeping_its_path_prefix(string sandbox, string expected)
    {
        var options = new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw", ShopId = 2042 }.UseSandbox(new Uri(sandbox));
        var redirects = new QiwiPullRedirects(options);

        Assert.Equal(expected + "form?shop=2042&transaction=B1", redirects.Checkout("2042", "B1").AbsoluteUri);
        Assert.Equal(expected + "order/external/main.action?shop=2042&transaction=B1", redirects.LegacyCheckout("2042", "B1").AbsoluteUri);
        Assert.StartsWith(expected + "order/external/create.action?", redirects.WebForm(11223, "643").AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith(expected + "order/external/create.action?", redirects.WebFormSigned("pw", 1, "RUB", 5m, "T1", 7).AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_builds_redirects_on_its_own_environment_and_production_is_the_default()
    {
        using var http = new HttpClient();
        var production = new QiwiPullClient(http, new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw", ShopId = 2042 });
        var sandbox = new QiwiPullClient(http, new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw", ShopId = 2042, SandboxBaseUrl = new Uri("http://localhost:5080/") });

        Assert.Equal("https://oplata.qiwi.com/form?shop=2042&transaction=B1", production.Redirects.Checkout("2042", "B1").AbsoluteUri);
        Assert.Equal("https://bill.qiwi.com/order/external/main.action?shop=2042&transaction=B1", production.Redirects.LegacyCheckout("2042", "B1").AbsoluteUri);
        Assert.Equal("http://localhost:5080/form?shop=2042&transaction=B1", sandbox.Redirects.Checkout("2042", "B1").AbsoluteUri);
        Assert.Equal(new Uri("https://api.qiwi.com"), production.Options.ApiBaseUrl);
        Assert.Equal(new Uri("http://localhost:5080/"), sandbox.Options.ApiBaseUrl);
    }

    [Fact]
    public void Checkout_builds_the_docs_url()
    {
        var url = Production.Checkout("2042", "1234567", successUrl: "http://example.com/success?a=1&b=2", failUrl: "http://example.com/fail?a=1&b=2", paySource: CheckoutPaySource.QiwiWallet);

        Assert.Equal("https://oplata.qiwi.com/form?shop=2042&transaction=1234567&successUrl=http%3A%2F%2Fexample.com%2Fsuccess%3Fa%3D1%26b%3D2&failUrl=http%3A%2F%2Fexample.com%2Ffail%3Fa%3D1%26b%3D2&pay_source=qw", url.AbsoluteUri);
    }

    [Fact]
    public void The_legacy_checkout_builds_the_docs_url()
    {
        var url = Production.LegacyCheckout("2042", "123123123", iframe: true, successUrl: "http://mystore.com/success?a=1&b=2", failUrl: "http://mystore.com/fail?a=1&b=2", targetIframe: true);

        Assert.Equal("https://bill.qiwi.com/order/external/main.action", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(
            Query("https://bill.qiwi.com/order/external/main.action?shop=2042&transaction=123123123&successUrl=http%3A%2F%2Fmystore.com%2Fsuccess%3Fa%3D1%26b%3D2&failUrl=http%3A%2F%2Fmystore.com%2Ffail%3Fa%3D1%26b%3D2&iframe=true&target=iframe"),
            Query(url.AbsoluteUri));
    }

    [Fact]
    public void The_unsigned_web_form_builds_the_docs_url()
    {
        var url = Production.WebForm(11223, "643", amount: 1.11m, billId: "10000");

        Assert.Equal(Query("https://bill.qiwi.com/order/external/create.action?txn_id=10000&from=11223&summ=1.11&currency=643"), Query(url.AbsoluteUri));
    }

    [Fact]
    public void The_signed_web_form_carries_the_hmac_sha256_of_the_documented_fields()
    {
        var url = Production.WebFormSigned("api-password", 260831, "RUB", 1.12m, "q115928", 46835183);

        // Independently: "{api_id}|{currency}|{from}|{summ}|{txn_id}" (no lifetime given), HMAC-SHA256, lower-case hex.
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes("api-password"), Encoding.UTF8.GetBytes("46835183|RUB|260831|1.12|q115928"))).ToLowerInvariant();
        var query = Query(url.AbsoluteUri);
        Assert.Equal(expected, query["sign"]);
        Assert.Equal(("260831", "q115928", "1.12", "46835183", "RUB"), (query["from"], query["txn_id"], query["summ"], query["api_id"], query["currency"]));
        Assert.DoesNotContain("api-password", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lifetime_is_signed_in_its_place_and_the_phone_is_not_signed()
    {
        var lifetime = DateTimeOffset.UtcNow.AddDays(2);
        var url = Production.WebFormSigned("pw", 1, "RUB", 5m, "T1", 7, phone: "+79031234567", lifetime: lifetime);

        var text = lifetime.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHHmm", System.Globalization.CultureInfo.InvariantCulture);
        var expected = Convert.ToHexString(HMACSHA256.HashData("pw"u8.ToArray(), Encoding.UTF8.GetBytes($"7|RUB|1|{text}|5.00|T1"))).ToLowerInvariant();
        Assert.Equal(expected, Query(url.AbsoluteUri)["sign"]);
    }

    [Theory]
    [InlineData("https://example.com/success?a=1&b=2&order=1234567", "1234567")]
    [InlineData("http://mystore.com/fail?a=1&b=2&order=123123123", "123123123")]
    [InlineData("https://shop.example/ok?order=A%20B%2FC", "A B/C")]
    public void The_order_parameter_is_read_on_the_way_back(string url, string billId)
    {
        Assert.Equal(billId, QiwiPullRedirects.ParseCheckoutReturn(new Uri(url)).BillId);
    }

    [Fact]
    public void A_return_url_without_order_is_refused()
    {
        Assert.Throws<FormatException>(() => QiwiPullRedirects.ParseCheckoutReturn(new Uri("https://example.com/success?a=1")));
        Assert.False(QiwiPullRedirects.TryParseCheckoutReturn(new Uri("https://example.com/success"), out var result));
        Assert.Null(result);
    }

    private static Dictionary<string, string> Query(string url)
        => new Uri(url).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
}
