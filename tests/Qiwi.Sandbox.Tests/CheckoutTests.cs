using System.Net;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>The checkout pages, the web form (signed and unsigned) and the mobile flow, over HTTP without a browser.</summary>
public sealed class CheckoutTests
{
    private static readonly HttpClient NoRedirects = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Theory]
    [InlineData("pay", "https://shop.example/success?a=1&order=CHK-1", "paid")]
    [InlineData("reject", "https://shop.example/fail?b=2&order=CHK-1", "rejected")]
    [InlineData("fail", "https://shop.example/fail?b=2&order=CHK-1", "unpaid")]
    public async Task The_checkout_page_moves_the_invoice_and_returns_with_order(string action, string expectedLocation, string status)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("CHK-1");
        var page = OnSandbox(f, f.Client.Redirects.Checkout(f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), "CHK-1", successUrl: "https://shop.example/success?a=1", failUrl: "https://shop.example/fail?b=2"));

        var html = await NoRedirects.GetStringAsync(page);
        Assert.Contains("CHK-1", html, StringComparison.Ordinal);
        Assert.Contains("10.00 RUB", html, StringComparison.Ordinal);
        Assert.Contains("id=\"pay\"", html, StringComparison.Ordinal);

        using var response = await NoRedirects.PostAsync(new Uri(f.Host.BaseUrl, "form/" + action), Form(f, "CHK-1"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location!.ToString());
        Assert.Equal(status, (await f.Client.GetBillStatusAsync("CHK-1")).Status.ToWireValue());
        Assert.Equal("CHK-1", QiwiPullRedirects.ParseCheckoutReturn(response.Headers.Location).BillId);
    }

    [Fact]
    public async Task The_legacy_checkout_shows_the_same_page()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("LEG-1");

        var html = await NoRedirects.GetStringAsync(OnSandbox(f, f.Client.Redirects.LegacyCheckout(f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), "LEG-1", iframe: true, targetIframe: true)));

        Assert.Contains("LEG-1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsigned_web_form_issues_the_invoice_and_goes_on_to_checkout()
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = OnSandbox(f, f.Client.Redirects.WebForm(f.ShopId, "643", phone: "+79031234567", amount: 1.11m, billId: "WF1", comment: "web form"));

        using var response = await NoRedirects.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/form?shop=" + f.ShopId + "&transaction=WF1", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var bill = await f.Client.GetBillStatusAsync("WF1");
        Assert.Equal((1.11m, "RUB", "tel:+79031234567", "web form"), (bill.Amount, bill.Currency, bill.User, bill.Comment!));
    }

    [Fact]
    public async Task The_web_form_asks_the_payer_for_what_the_merchant_left_out()
    {
        await using var f = await SandboxFixture.StartAsync();

        var html = await NoRedirects.GetStringAsync(OnSandbox(f, f.Client.Redirects.WebForm(f.ShopId, "RUB", billId: "WF2")));

        Assert.Contains("name=\"to\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"summ\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signed_web_form_is_checked_against_the_shops_api_password()
    {
        await using var f = await SandboxFixture.StartAsync();
        var shop = f.Host.Shop;
        var good = f.Client.Redirects.WebFormSigned(shop.ApiPassword, f.ShopId, "RUB", 2.5m, "SIGNED1", long.Parse(shop.ApiId, System.Globalization.CultureInfo.InvariantCulture), phone: "+79031234567");
        var wrongKey = f.Client.Redirects.WebFormSigned("not-the-password", f.ShopId, "RUB", 2.5m, "SIGNED2", long.Parse(shop.ApiId, System.Globalization.CultureInfo.InvariantCulture), phone: "+79031234567");
        var tampered = new Uri(good.AbsoluteUri.Replace("summ=2.50", "summ=0.01", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await NoRedirects.GetAsync(OnSandbox(f, good))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NoRedirects.GetAsync(OnSandbox(f, wrongKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await NoRedirects.GetAsync(OnSandbox(f, tampered))).StatusCode);
        Assert.Equal(2.50m, (await f.Client.GetBillStatusAsync("SIGNED1")).Amount);
    }

    [Fact]
    public async Task A_mobile_invoice_waits_for_the_reply_sms()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("SMS-1", paySource: PaySource.Mobile);
        await f.CreateBillAsync("SMS-2", paySource: PaySource.Mobile);
        await f.CreateBillAsync("QW-1");

        var page = await NoRedirects.GetStringAsync(OnSandbox(f, f.Client.Redirects.Checkout(f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), "SMS-1")));
        Assert.Contains("id=\"sms-confirm\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pay\"", page, StringComparison.Ordinal);
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("SMS-1")).Status);

        (await f.ControlAsync($"bills/{f.ShopId}/SMS-1/sms/confirm")).EnsureSuccessStatusCode();
        (await f.ControlAsync($"bills/{f.ShopId}/SMS-2/sms/decline")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await f.ControlAsync($"bills/{f.ShopId}/QW-1/sms/confirm")).StatusCode);

        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync("SMS-1")).Status);
        Assert.Equal(BillStatus.Rejected, (await f.Client.GetBillStatusAsync("SMS-2")).Status);
    }

    [Fact]
    public async Task The_web_form_rounds_a_third_decimal_down_like_the_api_and_passes_pay_source_on_to_checkout()
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = new Uri(f.Host.BaseUrl, $"order/external/create.action?from={f.ShopId}&currency=RUB&to=%2B79031234567&summ=1.119&txn_id=WF3&pay_source=card&successUrl=https%3A%2F%2Fshop.example%2Fok");

        using var response = await NoRedirects.GetAsync(url);
        var checkout = new Uri(f.Host.BaseUrl, response.Headers.Location!);
        var page = await NoRedirects.GetStringAsync(checkout);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("pay_source=card", checkout.Query, StringComparison.Ordinal);
        Assert.Contains("Payment method shown first</th><td>card", page, StringComparison.Ordinal);
        Assert.Equal(1.11m, (await f.Client.GetBillStatusAsync("WF3")).Amount);
    }

    [Fact]
    public async Task The_web_form_refuses_what_the_api_refuses_naming_the_rule()
    {
        await using var f = await SandboxFixture.StartAsync();

        using var zero = await NoRedirects.GetAsync(new Uri(f.Host.BaseUrl, $"order/external/create.action?from={f.ShopId}&currency=RUB&to=%2B79031234567&summ=0.001&txn_id=WF4"));
        using var phone = await NoRedirects.GetAsync(new Uri(f.Host.BaseUrl, $"order/external/create.action?from={f.ShopId}&currency=RUB&to=%2B7903123456789012&summ=1&txn_id=WF5"));

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("&#39;amount&#39; must be greater than 0", await zero.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Wrong phone number", await phone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The client's builders already point at the sandbox (its options set SandboxBaseUrl): nothing is rewritten.</summary>
    private static Uri OnSandbox(SandboxFixture f, Uri url)
    {
        Assert.StartsWith(f.Host.BaseUrl.AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal);
        return url;
    }

    private static FormUrlEncodedContent Form(SandboxFixture f, string billId) => new(new Dictionary<string, string>
    {
        ["shop"] = f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["transaction"] = billId,
        ["successUrl"] = "https://shop.example/success?a=1",
        ["failUrl"] = "https://shop.example/fail?b=2",
    });
}
