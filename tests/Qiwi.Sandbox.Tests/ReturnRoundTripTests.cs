using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Red team: the payer's whole way out and back, over HTTP. The client's checkout builder (a seeded bill id the spec
/// allows, a seeded merchant successUrl / failUrl with its own query and fragment), the sandbox's checkout page (its
/// hidden fields read back as a browser reads them), the button's post, the sandbox's redirect, and
/// <c>ParseCheckoutReturn</c> on it: the bill id must come back exactly, the right invoice must move, the merchant's
/// own query and fragment must survive. And a successUrl that is no absolute URI is refused by the builder before
/// the payer is sent anywhere.
/// </summary>
public sealed partial class ReturnRoundTripTests
{
    private static readonly HttpClient NoRedirects = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static readonly string[] Pieces =
    [
        "%", "+", "&", "=", "#", "?", "/", ".", "..", " ", "\t", "\r", "\n", "\r\n", ";", "'", "\"", "<", ">", "&amp;", "\\", "%41", "%2F", "a", "Z", "7", "é",
        "日本", "\u0085", "\u2028", "\uFFFD", "\U0001F600",
    ];

    private static readonly string[] Merchants =
    [
        "https://shop.example/success",
        "https://shop.example/success?a=1&b=2",
        "https://shop.example/back?",
        "http://shop.example:8080/r/ok?next=%2Fcart%3Fa%3D1#top",
        "https://shop.example/ok#section-2",
        "https://shop.example/ok?q=a+b&x=%26#frag?order=9",
    ];

    [Fact]
    public async Task Seeded_bill_ids_go_out_through_checkout_and_come_back_exactly()
    {
        await using var f = await SandboxFixture.StartAsync();
        var random = new Random(4417);
        var shop = f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var failures = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var id = BillId(random, i);
            var success = Merchants[random.Next(Merchants.Length)];
            var fail = Merchants[random.Next(Merchants.Length)];
            var action = random.Next(3) switch { 0 => "pay", 1 => "reject", _ => "fail" };
            await f.CreateBillAsync(id);

            var html = await NoRedirects.GetStringAsync(f.Client.Redirects.Checkout(shop, id, successUrl: success, failUrl: fail));
            var (address, fields) = Form(html, "/form/" + action);
            using var response = await NoRedirects.PostAsync(new Uri(f.Host.BaseUrl, address), new FormUrlEncodedContent(fields));
            var location = response.Headers.Location;
            var status = (await f.Client.GetBillStatusAsync(id)).Status;
            var expectedStatus = action switch { "pay" => BillStatus.Paid, "reject" => BillStatus.Rejected, _ => BillStatus.Unpaid };
            var target = action == "pay" ? success : fail;
            if (response.StatusCode != HttpStatusCode.Redirect || location is null)
            {
                failures.Add($"{Show(id)}: {action} answered {(int)response.StatusCode}");
                continue;
            }

            if (status != expectedStatus)
            {
                failures.Add($"{Show(id)}: {action} left the invoice {status}");
            }

            if (!QiwiPullRedirects.TryParseCheckoutReturn(location, out var back) || back.BillId != id)
            {
                failures.Add($"{Show(id)}: came back as {Show(back?.BillId)} from {location}");
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var head = hash < 0 ? target : target[..hash];
            var fragment = hash < 0 ? string.Empty : target[hash..];
            if (!location.OriginalString.StartsWith(head.TrimEnd('?', '&'), StringComparison.Ordinal) || !location.OriginalString.EndsWith(fragment, StringComparison.Ordinal))
            {
                failures.Add($"{Show(id)}: {location} lost the merchant's own URL {target}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of 40 wrong:\n" + string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData("/success")]
    [InlineData("success?a=1")]
    [InlineData("shop.example/success")]
    [InlineData("//shop.example/success")]
    [InlineData("https://shop.example/ok\n")]
    [InlineData(" https://shop.example/ok")]
    [InlineData("1http://shop.example/")]
    [InlineData("")]
    public async Task A_return_url_that_is_no_absolute_uri_is_refused_before_the_payer_is_sent(string url)
    {
        await using var f = await SandboxFixture.StartAsync();
        var redirects = f.Client.Redirects;
        var shop = f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("successUrl", Assert.ThrowsAny<ArgumentException>(() => redirects.Checkout(shop, "B1", successUrl: url)).ParamName);
        Assert.Equal("failUrl", Assert.ThrowsAny<ArgumentException>(() => redirects.LegacyCheckout(shop, "B1", failUrl: url)).ParamName);
        Assert.Equal("successUrl", Assert.ThrowsAny<ArgumentException>(() => redirects.WebForm(f.ShopId, "RUB", successUrl: url)).ParamName);
        Assert.Equal("failUrl", Assert.ThrowsAny<ArgumentException>(() => redirects.WebFormSigned("pw", f.ShopId, "RUB", 1m, "B1", 1, failUrl: url)).ParamName);
    }

    [Theory]
    [InlineData("https://shop.example/success")]
    [InlineData("http://127.0.0.1:5080/ok?a=1#x")]
    [InlineData("HTTPS://SHOP.EXAMPLE/")]
    [InlineData("https://shop.example/my page")]
    [InlineData("https://магазин.example/успех")]
    [InlineData("app+x-y.z://return")]
    public async Task An_absolute_uri_is_taken_as_given(string url)
    {
        await using var f = await SandboxFixture.StartAsync();
        var built = f.Client.Redirects.Checkout(f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), "B1", successUrl: url);

        Assert.Equal(url, Qiwi.Runtime.QiwiQuery.Parse(built)["successUrl"]);
    }

    /// <summary>
    /// The form posting to <paramref name="action"/> as a browser sends it: to its address (with any query), its hidden
    /// fields' values with character references decoded and every CR and LF made CRLF (the HTML form's newline rule).
    /// </summary>
    private static (string Address, Dictionary<string, string> Fields) Form(string html, string action)
    {
        var start = html.IndexOf("action=\"" + action, StringComparison.Ordinal);
        Assert.True(start >= 0, "no form posting to " + action);
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[start..end];
        var address = WebUtility.HtmlDecode(form["action=\"".Length..form.IndexOf('"', "action=\"".Length)]);
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => Crlf(WebUtility.HtmlDecode(m.Groups[2].Value)));
        return (address.TrimStart('/'), fields);
    }

    private static string Crlf(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\n", "\r\n", StringComparison.Ordinal);

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    private static string BillId(Random random, int i)
    {
        var builder = new StringBuilder("R").Append(i).Append('-');
        var count = random.Next(1, 8);
        for (var k = 0; k < count; k++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static string Show(string? text) => text is null ? "(none)" : "'" + FormValueRoundTripTests.Show(text) + "'";
}
