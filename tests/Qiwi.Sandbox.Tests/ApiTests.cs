using System.Net;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>Every operation and documented error, through the generated client over loopback.</summary>
public sealed class ApiTests
{
    [Fact]
    public async Task The_invoice_life_cycle_create_status_pay_and_cancel()
    {
        await using var f = await SandboxFixture.StartAsync();

        var created = await f.CreateBillAsync("LIFE-1");
        var again = await f.CreateBillAsync("LIFE-1");
        Assert.Equal((BillStatus.Waiting, 10.00m, "RUB", "tel:+79031234567"), (created.Status, created.Amount, created.Currency, created.User));
        Assert.Equal(created, again);

        await f.PayAsync("LIFE-1");
        var paid = await f.Client.GetBillStatusAsync("LIFE-1");
        Assert.Equal((BillStatus.Paid, 10.00m, "RUB"), (paid.Status, paid.OriginAmount!.Value, paid.OriginCurrency!));
        Assert.Equal(ResultCode.BillAlreadyPaid, await Code(() => f.Client.CancelBillAsync("LIFE-1")));

        await f.CreateBillAsync("LIFE-2");
        var rejected = await f.Client.CancelBillAsync("LIFE-2");
        Assert.Equal(BillStatus.Rejected, rejected.Status);
        Assert.Equal(rejected, await f.Client.CancelBillAsync("LIFE-2"));
    }

    [Fact]
    public async Task Xml_is_answered_when_asked_for()
    {
        await using var f = await SandboxFixture.StartAsync();
        var xmlClient = f.CreateClient(QiwiMediaType.Xml);

        var bill = await xmlClient.CreateBillAsync("XML-1", "tel:+79031234567", 5.5m, "EUR", "xml", f.Tomorrow);
        var error = await Assert.ThrowsAsync<QiwiApiException>(() => xmlClient.GetBillStatusAsync("NOPE"));

        Assert.Equal((5.50m, "EUR"), (bill.Amount, bill.Currency));
        Assert.Equal(ResultCode.InvoiceNotFound, (ResultCode)error.ResultCode);
        Assert.StartsWith("<response>", error.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documented_refusals()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("ERR-1");

        var unauthorized = await Assert.ThrowsAsync<QiwiApiException>(() => f.CreateClient(QiwiMediaType.Json, "wrong").GetBillStatusAsync("ERR-1"));
        Assert.Equal((ResultCode.AuthorizationError, HttpStatusCode.Unauthorized), ((ResultCode)unauthorized.ResultCode, unauthorized.StatusCode));
        Assert.Equal(ResultCode.AuthorizationError, await Code(() => f.CreateClient(QiwiMediaType.Json, shopId: f.ShopId + 1).GetBillStatusAsync("ERR-1")));
        Assert.Equal(ResultCode.InvoiceNotFound, await Code(() => f.Client.GetBillStatusAsync("UNKNOWN")));
        Assert.Equal(ResultCode.InvoiceAlreadyExists, await Code(() => f.CreateBillAsync("ERR-1", amount: 11m)));
        Assert.Equal(ResultCode.AmountTooSmall, await Code(() => f.CreateBillAsync("ERR-2", amount: 0.5m)));
        Assert.Equal(ResultCode.AmountTooLarge, await Code(() => f.CreateBillAsync("ERR-3", amount: 15000.01m)));
        Assert.Equal(ResultCode.CurrencyNotAllowed, await Code(() => f.CreateBillAsync("ERR-4", currency: "GBP")));
        Assert.Equal(ResultCode.MobileOperatorUndetermined, await Code(() => f.CreateBillAsync("ERR-5", paySource: PaySource.Mobile, user: "tel:+70001234567")));
        Assert.Equal(ResultCode.OperationForbidden, await Code(() => f.Client.CreateRefundAsync("ERR-1", "R1", 1m)));
    }

    [Fact]
    public async Task Missing_parameters_are_341_a_malformed_phone_303_and_other_malformed_ones_5_each_naming_the_field_and_rule()
    {
        await using var f = await SandboxFixture.StartAsync();
        var path = $"api/v2/prv/{f.ShopId}/bills/RAW-1";

        var missing = await (await f.RawAsync(HttpMethod.Put, path, "user=tel%3A%2B79031234567&ccy=RUB&comment=c&lifetime=2026-03-02T12%3A00%3A00")).Content.ReadAsStringAsync();
        var malformedAmount = await (await f.RawAsync(HttpMethod.Put, path, "user=tel%3A%2B79031234567&amount=ten&ccy=RUB&comment=c&lifetime=2026-03-02T12%3A00%3A00")).Content.ReadAsStringAsync();
        var malformedUser = await (await f.RawAsync(HttpMethod.Put, path, "user=79031234567&amount=1.00&ccy=RUB&comment=c&lifetime=2026-03-02T12%3A00%3A00")).Content.ReadAsStringAsync();
        var malformedLifetime = await (await f.RawAsync(HttpMethod.Put, path, "user=tel%3A%2B79031234567&amount=1.00&ccy=RUB&comment=c&lifetime=tomorrow")).Content.ReadAsStringAsync();
        var cancelWrongStatus = await (await f.RawAsync(HttpMethod.Patch, path, "status=paid")).Content.ReadAsStringAsync();
        var noAuth = await f.RawAsync(HttpMethod.Get, path, null, authorized: false);

        Assert.Contains("\"result_code\":341", missing, StringComparison.Ordinal);
        Assert.Contains("'amount' is required", missing, StringComparison.Ordinal);
        Assert.Contains("\"result_code\":5", malformedAmount, StringComparison.Ordinal);
        Assert.Contains("'amount' must be a decimal number", malformedAmount, StringComparison.Ordinal);
        Assert.Contains("\"result_code\":303", malformedUser, StringComparison.Ordinal);
        Assert.Contains("'user' must match", malformedUser, StringComparison.Ordinal);
        Assert.Contains("\"result_code\":5", malformedLifetime, StringComparison.Ordinal);
        Assert.Contains("'lifetime' must be a date and time", malformedLifetime, StringComparison.Ordinal);
        Assert.Contains("\"result_code\":5", cancelWrongStatus, StringComparison.Ordinal);
        Assert.Contains("'status' must be one of rejected", cancelWrongStatus, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noAuth.StatusCode);
    }

    [Fact]
    public async Task The_json_looks_like_the_docs()
    {
        await using var f = await SandboxFixture.StartAsync();

        using var response = await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/BILL-1", "user=tel%3A%2B79031234567&amount=10&ccy=RUB&comment=My%20comment&lifetime=2026-03-02T12%3A00%3A00");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","ccy":"RUB","status":"waiting","error":0,"user":"tel:+79031234567","comment":"My comment"}}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("100%")]
    [InlineData("счёт 1")]
    [InlineData("q?x=1#y")]
    public async Task Any_bill_id_travels_as_is(string billId)
    {
        await using var f = await SandboxFixture.StartAsync();

        var created = await f.CreateBillAsync(billId);
        var read = await f.Client.GetBillStatusAsync(billId);

        Assert.Equal(billId, created.BillId);
        Assert.Equal(billId, read.BillId);
    }

    /// <summary>
    /// The result code a call was refused with. A write refused with a code the spec marks as not fatal (152, 316,
    /// 13, 300) leaves its outcome open to the client, which then reads the status; when that read is refused
    /// too, the client reports the outcome as unknown, carrying every attempt: the code is the attempts' code.
    /// </summary>
    internal static async Task<ResultCode> Code(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<QiwiException>(call);
        if (error is QiwiOutcomeUnknownException unknown)
        {
            var codes = unknown.Attempts.Select(a => Assert.IsType<QiwiApiException>(a.Error).ResultCode).Distinct().ToList();
            Assert.Equal(codes[0], Assert.IsType<QiwiApiException>(unknown.StatusReadFailure).ResultCode);
            return (ResultCode)Assert.Single(codes);
        }

        return (ResultCode)Assert.IsType<QiwiApiException>(error).ResultCode;
    }
}
