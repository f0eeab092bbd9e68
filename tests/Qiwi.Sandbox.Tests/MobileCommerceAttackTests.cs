using System.Net;
using System.Text.Json;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// Hostile input to the Mobile Commerce flow ([MOBILE]): odd phone numbers and payers the shop refuses on a create with
/// <c>pay_source=mobile</c>, ids with <c>/</c>, <c>.</c> and <c>..</c> on the reply-SMS control paths, a reply SMS to a
/// wallet invoice, and a Mobile Commerce invoice pushed through the wallet checkout's buttons. Every refusal carries its
/// documented code and moves nothing; nothing answers HTTP 500.
/// </summary>
public sealed class MobileCommerceAttackTests
{
    private static readonly HttpClient NoRedirects = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Theory]
    [InlineData("tel%3A%2B79161111111", 0)]                 // the docs' own example
    [InlineData("tel%3A%2B791611111111234", 0)]             // 15 digits: the most the pattern takes
    [InlineData("tel%3A%2B7916111111112345", 303)]          // 16 digits
    [InlineData("tel%3A%2B", 303)]                          // no digits
    [InlineData("tel%3A%2B79161111111%0A", 303)]            // a trailing newline ('$' in .NET would take it)
    [InlineData("tel%3A%2B7%20916%20111%2011%2011", 303)]   // blanks inside
    [InlineData("tel%3A+79161111111", 303)]                 // '+' unencoded: a blank in a form
    [InlineData("TEL%3A%2B79161111111", 303)]
    [InlineData("tel%3A%2B%2B79161111111", 303)]
    [InlineData("%2B79161111111", 303)]                     // no tel: prefix
    [InlineData("tel%3A%2B%D9%A7%D9%A9%D9%A1", 303)]        // Arabic-Indic digits
    [InlineData("tel%3A%2B%EF%BC%97%EF%BC%99", 303)]        // fullwidth digits
    [InlineData("tel%3A%2B70001234567", 1019)]              // no known operator
    [InlineData("tel%3A%2B380501234567", 1018)]             // a country the shop does not serve
    [InlineData("", 341)]
    public async Task A_mobile_create_refuses_a_phone_number_it_cannot_send_an_sms_to(string user, int expected)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { unsupported_countries = new[] { "+380" } });
        var form = (user.Length == 0 ? string.Empty : "user=" + user + "&") + "amount=10.00&ccy=RUB&comment=test&pay_source=mobile&lifetime=" + Uri.EscapeDataString(f.Tomorrow.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));

        var (status, code) = await Create(f, "PHONE-1", form);

        Assert.Equal(expected, code);
        Assert.NotEqual(500, status);
        Assert.Equal(expected == 0 ? 1 : 0, (await f.LedgerAsync()).Count);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("sms/confirm")]
    [InlineData("%2F..%2F")]
    [InlineData("счёт?#")]
    public async Task The_reply_sms_reaches_exactly_the_invoice_its_id_names(string bill)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync(bill, paySource: PaySource.Mobile);
        foreach (var neighbour in new[] { "a", "b", "sms", "confirm", "%2F", "x" })
        {
            await f.CreateBillAsync("N-" + neighbour, paySource: PaySource.Mobile);
        }

        using var confirmed = await f.ControlAsync($"bills/{f.ShopId}/{SandboxFixture.Segment(bill)}/sms/confirm");
        using var again = await f.ControlAsync($"bills/{f.ShopId}/{SandboxFixture.Segment(bill)}/sms/decline");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(bill, JsonDocument.Parse(await confirmed.Content.ReadAsStringAsync()).RootElement.GetProperty("bill_id").GetString());
        Assert.Equal((HttpStatusCode.Conflict, 1419), (again.StatusCode, ResultCodeOf(await again.Content.ReadAsStringAsync())));
        var ledger = await f.LedgerAsync();
        Assert.Equal("paid", ledger.Single(e => e.BillId == bill).Status);
        Assert.All(ledger.Where(e => e.BillId != bill), e => Assert.Equal("waiting", e.Status));
    }

    [Theory]
    [InlineData("..", "confirm", "paid")]
    [InlineData(".", "decline", "rejected")]
    [InlineData("sms", "confirm", "paid")]
    public async Task The_reply_sms_also_takes_the_bill_id_in_the_body_as_a_browser_must_send_dot_segments(string bill, string reply, string status)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync(bill, paySource: PaySource.Mobile);
        await f.CreateBillAsync("other", paySource: PaySource.Mobile);

        using var replied = await PostJson(f, $"bills/{f.ShopId}/sms/{reply}", new { bill_id = bill });
        using var unknown = await PostJson(f, $"bills/{f.ShopId}/sms/forward", new { bill_id = bill });

        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(status, (await f.LedgerAsync()).Single(e => e.BillId == bill).Status);
        Assert.Equal("waiting", (await f.LedgerAsync()).Single(e => e.BillId == "other").Status);
    }

    [Fact]
    public async Task An_invoice_named_sms_keeps_its_path_actions()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("sms");
        await f.CreateBillAsync("m", paySource: PaySource.Mobile);

        using var expired = await f.ControlAsync($"bills/{f.ShopId}/sms/expire");   // the path form: the invoice "sms"
        using var pay = await PostJson(f, $"bills/{f.ShopId}/pay", new { bill_id = "m" });

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal("expired", (await f.LedgerAsync()).Single(e => e.BillId == "sms").Status);
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);   // the control API's pay is QIWI's side: it moves any waiting invoice
    }

    [Fact]
    public async Task A_confirmed_mobile_invoice_reads_as_the_docs_paid_example_and_fail_makes_it_unpaid()
    {
        await using var sink = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { notification_url = sink.Url.ToString() });
        await f.CreateBillAsync("M-PAID", amount: 10m, paySource: PaySource.Mobile);
        await f.CreateBillAsync("M-FAIL", amount: 10m, paySource: PaySource.Mobile);

        var waiting = await f.Client.GetBillStatusAsync("M-PAID");
        (await f.ControlAsync($"bills/{f.ShopId}/M-PAID/sms/confirm")).EnsureSuccessStatusCode();
        (await f.ControlAsync($"bills/{f.ShopId}/M-FAIL/fail")).EnsureSuccessStatusCode();   // "Payment processing error. Not paid"
        var paid = await f.Client.GetBillStatusAsync("M-PAID");

        Assert.Equal((null, null), (waiting.OriginAmount, waiting.OriginCurrency));
        Assert.Equal((BillStatus.Paid, 10m, "RUB", 10m, "RUB"), (paid.Status, paid.Amount, paid.Currency, paid.OriginAmount, paid.OriginCurrency));
        Assert.Equal(BillStatus.Unpaid, (await f.Client.GetBillStatusAsync("M-FAIL")).Status);
        Assert.Equal(78, await Refused(f, $"bills/{f.ShopId}/M-FAIL/sms/confirm"));
        using var log = JsonDocument.Parse(await f.NotificationLogAsync());
        Assert.Equal([("M-PAID", "paid"), ("M-FAIL", "unpaid")], log.RootElement.EnumerateArray().Select(r => (r.GetProperty("bill_id").GetString(), r.GetProperty("status").GetString())));
    }

    [Theory]
    [InlineData("sms/confirm")]
    [InlineData("sms/decline")]
    public async Task A_reply_sms_to_what_is_no_waiting_mobile_invoice_is_refused_with_its_code(string reply)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("QW-1");
        await f.CreateBillAsync("QW-2", paySource: PaySource.QiwiWallet);
        await f.CreateBillAsync("M-EXP", paySource: PaySource.Mobile);
        (await f.ControlAsync($"bills/{f.ShopId}/M-EXP/expire")).EnsureSuccessStatusCode();

        Assert.Equal(78, await Refused(f, $"bills/{f.ShopId}/QW-1/{reply}"));
        Assert.Equal(78, await Refused(f, $"bills/{f.ShopId}/QW-2/{reply}"));
        Assert.Equal(78, await Refused(f, $"bills/{f.ShopId}/M-EXP/{reply}"));
        Assert.Equal(210, await Refused(f, $"bills/{f.ShopId}/NONE/{reply}"));
        Assert.Equal(210, await Refused(f, $"bills/1/QW-1/{reply}"));
        using var notANumber = await f.ControlAsync($"bills/x/QW-1/{reply}");
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);
        Assert.Equal(["expired", "waiting", "waiting"], (await f.LedgerAsync()).Select(e => e.Status).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_repeated_create_must_name_the_same_pay_source()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("M-REP", paySource: PaySource.Mobile);

        var repeat = await f.CreateBillAsync("M-REP", paySource: PaySource.Mobile);
        var asWallet = await Assert.ThrowsAsync<Qiwi.Runtime.QiwiApiException>(() => f.CreateBillAsync("M-REP", paySource: PaySource.QiwiWallet));
        var withoutSource = await Assert.ThrowsAsync<Qiwi.Runtime.QiwiApiException>(() => f.CreateBillAsync("M-REP"));

        Assert.Equal(BillStatus.Waiting, repeat.Status);
        Assert.Equal((215, 215), (asWallet.ResultCode, withoutSource.ResultCode));
        (await f.ControlAsync($"bills/{f.ShopId}/M-REP/sms/confirm")).EnsureSuccessStatusCode();   // still the Mobile Commerce invoice
        Assert.Equal("paid", Assert.Single(await f.LedgerAsync()).Status);
    }

    [Theory]
    [InlineData("pay")]
    [InlineData("reject")]
    [InlineData("fail")]
    public async Task A_mobile_invoice_is_not_moved_by_the_wallet_checkouts_buttons(string button)
    {
        await using var sink = await NotificationSink.StartAsync();
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { notification_url = sink.Url.ToString() });
        await f.CreateBillAsync("M-1", paySource: PaySource.Mobile);

        // The page offers only the reply SMS; a post of the wallet's button (a stale page, a forged form) is refused.
        using var response = await NoRedirects.PostAsync(new Uri(f.Host.BaseUrl, "form/" + button), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["shop"] = f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["transaction"] = "M-1", ["successUrl"] = "https://shop.example/ok", ["failUrl"] = "https://shop.example/no",
        }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Operation is forbidden", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("M-1")).Status);
        Assert.Equal("[]", await f.NotificationLogAsync());

        // The reply SMS still decides it.
        (await f.ControlAsync($"bills/{f.ShopId}/M-1/sms/confirm")).EnsureSuccessStatusCode();
        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync("M-1")).Status);
    }

    [Theory]
    [InlineData("sms-confirm")]
    [InlineData("sms-decline")]
    public async Task A_wallet_invoice_is_not_moved_by_the_checkouts_sms_buttons(string button)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("QW-1");

        using var response = await NoRedirects.PostAsync(new Uri(f.Host.BaseUrl, "form/" + button), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["shop"] = f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["transaction"] = "QW-1",
        }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("QW-1")).Status);
    }

    private static async Task<(int Status, int Code)> Create(SandboxFixture f, string bill, string form)
    {
        using var response = await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/{bill}", form);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return ((int)response.StatusCode, json.RootElement.GetProperty("response").GetProperty("result_code").GetInt32());
    }

    private static async Task<int> Refused(SandboxFixture f, string path)
    {
        using var response = await f.ControlAsync(path);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return ResultCodeOf(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostJson(SandboxFixture f, string path, object body)
    {
        using var http = new HttpClient();
        return await http.PostAsync(new Uri(f.Host.BaseUrl, "sandbox/control/" + path), System.Net.Http.Json.JsonContent.Create(body));
    }

    private static int ResultCodeOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("result_code").GetInt32();
}
