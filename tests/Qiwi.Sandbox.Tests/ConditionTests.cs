using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The documented codes behind per-shop conditions, each switched on through the control API and reached over HTTP
/// with the generated client, as a merchant's test suite would.
/// </summary>
public sealed class ConditionTests
{
    private const string Payer = "tel:+79990000001";

    [Theory]
    [InlineData("unregistered_payers", ResultCode.UserNotRegistered)]
    [InlineData("blocked_payers", ResultCode.UserAccountTemporarilyBlocked)]
    [InlineData("unsupported_region_payers", ResultCode.RegionNotSupported)]
    public async Task An_unregistered_or_blocked_payer_is_refused(string setting, ResultCode expected)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new Dictionary<string, object> { [setting] = new[] { Payer } });

        Assert.Equal(expected, await ApiTests.Code(() => f.CreateBillAsync("PAYER-1", user: Payer)));
        Assert.Equal(BillStatus.Waiting, (await f.CreateBillAsync("PAYER-2")).Status);
    }

    [Theory]
    [InlineData("currencies")]
    [InlineData("min_amount")]
    [InlineData("max_amount")]
    [InlineData("blocked_payers")]
    [InlineData("unsupported_countries")]
    public async Task A_create_repeated_after_the_shops_conditions_changed_gets_its_invoice_not_a_refusal(string setting)
    {
        await using var f = await SandboxFixture.StartAsync();
        var first = await f.CreateBillAsync("REPEAT-1", amount: 50m, user: Payer);
        object patch = setting switch
        {
            "currencies" => new { currencies = new[] { "KZT" } },
            "min_amount" => new { min_amount = 100m },
            "max_amount" => new { max_amount = 20m },
            "blocked_payers" => new { blocked_payers = new[] { Payer } },
            _ => new { unsupported_countries = new[] { "+7" } },
        };
        await f.PatchShopAsync(patch);

        // The answer to REPEAT-1 was lost and the client repeats it: the invoice exists, so the repeat gets it (a final
        // refusal here would make the client report a failure for an invoice the payer can pay). A new one is refused,
        // and a repeat that conflicts is still 215.
        Assert.Equal(first, await f.CreateBillAsync("REPEAT-1", amount: 50m, user: Payer));
        Assert.NotEqual(ResultCode.Success, await ApiTests.Code(() => f.CreateBillAsync("REPEAT-2", amount: 50m, user: Payer)));
        Assert.Equal(ResultCode.InvoiceAlreadyExists, await ApiTests.Code(() => f.CreateBillAsync("REPEAT-1", amount: 51m, user: Payer)));
    }

    [Fact]
    public async Task A_payer_in_an_unsupported_country_is_1018()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { unsupported_countries = new[] { "+380" } });

        Assert.Equal(ResultCode.CountryNotSupported, await ApiTests.Code(() => f.CreateBillAsync("COUNTRY-1", user: "tel:+380441234567")));
        Assert.Equal(BillStatus.Waiting, (await f.CreateBillAsync("COUNTRY-2", user: "tel:+79031234567")).Status);
    }

    [Theory]
    [InlineData("protocol_enabled", false, ResultCode.ProtocolDisabled)]
    [InlineData("api_id_blocked", true, ResultCode.ApiIdBlocked)]
    [InlineData("merchant_blocked", true, ResultCode.BlockedMerchantAuthorization)]
    public async Task A_switched_off_protocol_or_a_blocked_merchant_refuses_every_request(string setting, bool value, ResultCode expected)
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("BLOCK-1");
        await f.PatchShopAsync(new Dictionary<string, object> { [setting] = value });

        Assert.Equal(expected, await ApiTests.Code(() => f.Client.GetBillStatusAsync("BLOCK-1")));
        Assert.Equal(expected, await ApiTests.Code(() => f.CreateBillAsync("BLOCK-2")));
        await f.PatchShopAsync(new Dictionary<string, object> { [setting] = !value });
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("BLOCK-1")).Status);
    }

    [Fact]
    public async Task Requests_from_an_address_the_shop_does_not_allow_are_339()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { allowed_addresses = new[] { "192.0.2.0/24" } });
        Assert.Equal(ResultCode.IpAddressBlocked, await ApiTests.Code(() => f.CreateBillAsync("IP-1")));

        await f.PatchShopAsync(new { allowed_addresses = new[] { "192.0.2.0/24", "127.0.0.1" } });
        Assert.Equal(BillStatus.Waiting, (await f.CreateBillAsync("IP-1")).Status);
    }

    [Fact]
    public async Task An_operation_without_rights_is_319_and_the_others_work()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { denied_operations = new[] { "createRefund" } });
        await f.CreateBillAsync("RIGHTS-1");
        await f.PayAsync("RIGHTS-1");

        Assert.Equal(ResultCode.NoRights, await ApiTests.Code(() => f.Client.CreateRefundAsync("RIGHTS-1", "R1", 1m)));
        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync("RIGHTS-1")).Status);
    }

    [Fact]
    public async Task The_monthly_limit_is_700_and_a_repeat_does_not_count_twice()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { monthly_limit = 100m });

        var first = await f.CreateBillAsync("MONTH-1", amount: 60m);
        Assert.Equal(first, await f.CreateBillAsync("MONTH-1", amount: 60m));
        Assert.Equal(ResultCode.MonthlyLimitExceeded, await ApiTests.Code(() => f.CreateBillAsync("MONTH-2", amount: 40.01m)));
        Assert.Equal(40m, (await f.CreateBillAsync("MONTH-3", amount: 40m)).Amount);

        // The clock starts on 1 March 2026; 31 days later it is April in Moscow, a new month.
        await f.AdvanceAsync(TimeSpan.FromDays(31));
        Assert.Equal(90m, (await f.CreateBillAsync("MONTH-4", amount: 90m)).Amount);
    }

    [Fact]
    public async Task Conversion_makes_the_origin_differ_and_a_pair_without_a_rate_is_1003()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.PatchShopAsync(new { wallet_currency = "RUB", rates = new[] { new { from = "EUR", to = "RUB", rate = 100.505m } } });

        await f.CreateBillAsync("FX-1", amount: 10m, currency: "EUR");
        await f.PayAsync("FX-1");
        var paid = await f.Client.GetBillStatusAsync("FX-1");
        var rouble = await f.CreateBillAsync("FX-2", amount: 10m, currency: "RUB");

        Assert.Equal((10.00m, "EUR", 1005.05m, "RUB"), (paid.Amount, paid.Currency, paid.OriginAmount!.Value, paid.OriginCurrency!));
        Assert.Equal(BillStatus.Waiting, rouble.Status);
        Assert.Equal(ResultCode.NoConversionRate, await ApiTests.Code(() => f.CreateBillAsync("FX-3", currency: "USD")));
    }

    [Theory]
    [InlineData("processing", RefundStatus.Processing)]
    [InlineData("fail", RefundStatus.Fail)]
    [InlineData("success", RefundStatus.Success)]
    public async Task Refunds_end_as_the_shop_says(string outcome, RefundStatus expected)
    {
        await using var f = await SandboxFixture.StartAsync(refundSettleDelay: TimeSpan.FromMinutes(10));
        await f.PatchShopAsync(new { refund_outcome = outcome });
        await f.CreateBillAsync("OUT-1", amount: 10m);
        await f.PayAsync("OUT-1");

        Assert.Equal(RefundStatus.Processing, (await f.Client.CreateRefundAsync("OUT-1", "R1", 4m)).Status);
        await f.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal(expected, (await f.Client.GetRefundStatusAsync("OUT-1", "R1")).Status);
        var left = expected == RefundStatus.Fail ? 10m : 6m;
        Assert.Equal(ResultCode.AmountTooLarge, await ApiTests.Code(() => f.Client.CreateRefundAsync("OUT-1", "R2", left + 0.01m)));
    }

    [Fact]
    public async Task A_wrong_patch_is_refused_and_changes_nothing()
    {
        await using var f = await SandboxFixture.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(f.Host.BaseUrl, "sandbox/control/shops/" + f.ShopId))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { refund_outcome = "later", protocol_enabled = false }),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"result_code\":5", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(BillStatus.Waiting, (await f.CreateBillAsync("PATCH-1")).Status);
    }
}
