using System.Net;
using System.Text.Json;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>The control API: invoices addressed exactly as the API addresses them, snake_case JSON, time travel.</summary>
public sealed class ControlApiTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("100%")]
    [InlineData("q?x=1#y")]
    [InlineData("#")]
    [InlineData("счёт 1")]
    public async Task Every_bill_id_reaches_the_invoice_it_names(string billId)
    {
        await using var f = await SandboxFixture.StartAsync();
        var decoy = Uri.EscapeDataString(billId);
        await f.CreateBillAsync(billId);
        if (decoy != billId)
        {
            await f.CreateBillAsync(decoy);
        }

        using var paid = await f.ControlAsync($"bills/{f.ShopId}/{SandboxFixture.Segment(billId)}/pay");
        var answer = JsonDocument.Parse(await paid.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal((billId, "paid"), (answer.GetProperty("bill_id").GetString(), answer.GetProperty("status").GetString()));
        Assert.Equal(BillStatus.Paid, (await f.Client.GetBillStatusAsync(billId)).Status);
        if (decoy != billId)
        {
            Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync(decoy)).Status);
        }
    }

    [Fact]
    public async Task A_refused_action_is_409_with_result_code_in_snake_case()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("SNAKE-1");
        await f.PayAsync("SNAKE-1");

        using var again = await f.ControlAsync($"bills/{f.ShopId}/SNAKE-1/reject");
        using var unknownRefund = await f.ControlAsync($"refunds/{f.ShopId}/SNAKE-1/R1/fail");
        var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        var refundBody = JsonDocument.Parse(await unknownRefund.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1419, body.GetProperty("result_code").GetInt32());
        Assert.Equal((210, "Refund not found"), (refundBody.GetProperty("result_code").GetInt32(), refundBody.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task The_state_is_listed_in_snake_case()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("LIST-1", amount: 10m);
        await f.PayAsync("LIST-1");
        await f.Client.CreateRefundAsync("LIST-1", "R1", 3m);

        var bill = (await f.ControlGetAsync("bills")).EnumerateArray().Single();
        var shop = (await f.ControlGetAsync("shops")).EnumerateArray().Single();

        Assert.Equal(("LIST-1", "paid", 10m, "R1", "success"), (bill.GetProperty("bill_id").GetString(), bill.GetProperty("status").GetString(), bill.GetProperty("amount").GetDecimal(),
            bill.GetProperty("refunds")[0].GetProperty("refund_id").GetString(), bill.GetProperty("refunds")[0].GetProperty("status").GetString()));
        Assert.Equal((f.ShopId, f.Host.Shop.ApiId, true), (shop.GetProperty("shop_id").GetInt64(), shop.GetProperty("api_id").GetString(), shop.GetProperty("protocol_enabled").GetBoolean()));
        Assert.Equal(["RUB", "EUR", "USD", "KZT"], shop.GetProperty("effective_currencies").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Advancing_the_clock_from_outside_expires_invoices_at_their_lifetime_and_at_45_days()
    {
        await using var f = await SandboxFixture.StartAsync();
        var start = f.Clock.GetUtcNow();
        await f.Client.CreateBillAsync("TT-1", "tel:+79031234567", 10m, "RUB", "c", start.AddHours(2));
        await f.Client.CreateBillAsync("TT-2", "tel:+79031234567", 10m, "RUB", "c", start.AddDays(45));

        var clock = await f.AdvanceAsync(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(BillStatus.Waiting, (await f.Client.GetBillStatusAsync("TT-1")).Status);
        Assert.Equal(start.AddHours(2).AddSeconds(-1), clock.GetProperty("now").GetDateTimeOffset());
        await f.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("TT-1")).Status);

        await f.AdvanceAsync(TimeSpan.FromDays(45) - TimeSpan.FromHours(2));
        Assert.Equal(BillStatus.Expired, (await f.Client.GetBillStatusAsync("TT-2")).Status);
        Assert.Equal(ResultCode.OperationForbidden, await ApiTests.Code(() => f.Client.CancelBillAsync("TT-2")));
    }

    [Theory]
    [InlineData("shops/{shop}", "")]
    [InlineData("shops/{shop}", "{")]
    [InlineData("shops/{shop}", "[]")]
    [InlineData("shops/{shop}", "{\"monthly_limit\":\"x\"}")]
    [InlineData("shops/{shop}", "{\"rates\":[{\"from\":\"EU\",\"to\":\"RUB\",\"rate\":1}]}")]
    [InlineData("shops/{shop}", "{\"min_amount\":10,\"max_amount\":5}")]
    [InlineData("shops/{shop}", "{\"min_amount\":15000.01}")]
    [InlineData("shops/{shop}", "{\"max_amount\":0.99}")]
    [InlineData("shops/{shop}", "{\"min_amount\":20000,\"name\":\"x\"}")]
    [InlineData("clock/advance", "{\"seconds\":\"soon\"}")]
    [InlineData("clock/advance", "null")]
    public async Task Malformed_control_bodies_are_400_and_change_nothing(string path, string body)
    {
        await using var f = await SandboxFixture.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(path.StartsWith("shops", StringComparison.Ordinal) ? HttpMethod.Patch : HttpMethod.Post, new Uri(f.Host.BaseUrl, "sandbox/control/" + path.Replace("{shop}", f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request);
        var shop = (await f.ControlGetAsync("shops")).EnumerateArray().Single();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((1m, 15000m, 0), (shop.GetProperty("min_amount").GetDecimal(), shop.GetProperty("max_amount").GetDecimal(), shop.GetProperty("rates").GetArrayLength()));
        Assert.Equal(0, (await f.ControlGetAsync("clock")).GetProperty("offset_seconds").GetDouble());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(400 * 86400 + 1)]
    public async Task An_advance_out_of_range_is_refused(double seconds)
    {
        await using var f = await SandboxFixture.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(f.Host.BaseUrl, "sandbox/control/clock/advance"), System.Net.Http.Json.JsonContent.Create(new { seconds }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await f.ControlGetAsync("clock")).GetProperty("offset_seconds").GetDouble());
    }
}
