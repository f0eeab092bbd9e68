using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The rules the spec gives a request, applied by the generated readers (no hand-copied limits): what each broken
/// rule is answered, with the field and the rule named; the media type asked for; the one rounding rule.
/// </summary>
public sealed class RequestRuleTests
{
    private const string Form = "user=tel%3A%2B79031234567&ccy=RUB&comment=c&amount=";

    [Theory]
    [InlineData("text/json", "text/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("text/xml", "text/xml")]
    [InlineData("application/xml", "application/xml")]
    [InlineData(null, "application/json")]
    public async Task The_answer_has_the_media_type_asked_for_with_utf8(string? accept, string expected)
    {
        await using var f = await SandboxFixture.StartAsync();

        using var found = await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/NONE", null, accept);
        using var unauthorized = await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/NONE", null, accept, authorized: false);

        Assert.Equal((expected, "utf-8"), (found.Content.Headers.ContentType!.MediaType, found.Content.Headers.ContentType.CharSet));
        Assert.Equal(expected, unauthorized.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_lifetime_more_than_45_days_ahead_or_in_the_past_is_not_refused()
    {
        // The docs describe no refusal: an invoice expires 45 days after issue at the latest, and one whose
        // lifetime has passed is void (docs/contract.md, docs/sandbox.md).
        await using var f = await SandboxFixture.StartAsync();
        var now = f.Clock.GetUtcNow();

        var ahead = await Body(f, "LIFE-46", "10.00", now.AddDays(45).AddMinutes(1));
        var past = await Body(f, "LIFE-PAST", "10.00", now.AddMinutes(-1));

        Assert.Equal(0, Code(ahead));
        Assert.Equal("waiting", ahead.GetProperty("bill").GetProperty("status").GetString());
        Assert.Equal(0, Code(past));
        Assert.Equal("expired", past.GetProperty("bill").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("10.005", "10.00")]
    [InlineData("10.999", "10.99")]
    [InlineData("1.10", "1.10")]
    public async Task An_amount_with_more_decimals_is_rounded_down_to_two(string sent, string stored)
    {
        await using var f = await SandboxFixture.StartAsync();

        var created = await Body(f, "ROUND-1", sent, f.Tomorrow);

        Assert.Equal(stored, created.GetProperty("bill").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task An_amount_that_rounds_to_zero_is_5_and_a_refund_is_rounded_down_too()
    {
        await using var f = await SandboxFixture.StartAsync();
        var zero = await Body(f, "ZERO-1", "0.009", f.Tomorrow);
        await f.CreateBillAsync("RREF-1", amount: 10m);
        await f.PayAsync("RREF-1");

        using var refund = await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/RREF-1/refund/R1", "amount=1.019");
        var answer = JsonDocument.Parse(await refund.Content.ReadAsStringAsync()).RootElement.GetProperty("response");

        Assert.Equal(5, Code(zero));
        Assert.Contains("'amount' must be greater than 0", Description(zero), StringComparison.Ordinal);
        Assert.Equal("1.01", answer.GetProperty("refund").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Path_rules_come_from_the_spec_and_name_the_parameter()
    {
        await using var f = await SandboxFixture.StartAsync();

        using var longId = await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/{new string('x', 201)}", null);
        using var badRefund = await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/B/refund/R-1", null);
        using var okId = await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/{new string('x', 200)}", null);

        Assert.Contains("'bill_id' must be 1 to 200 characters (was 201)", await longId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("'refund_id' must match", await badRefund.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"result_code\":210", await okId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_refund_says_refund_and_an_unknown_invoice_says_invoice()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("WORD-1");
        await f.PayAsync("WORD-1");

        var refund = await Assert.ThrowsAsync<Qiwi.Runtime.QiwiApiException>(() => f.Client.GetRefundStatusAsync("WORD-1", "R9"));
        var invoice = await Assert.ThrowsAsync<Qiwi.Runtime.QiwiApiException>(() => f.Client.GetRefundStatusAsync("WORD-9", "R9"));

        Assert.Equal((210, "Refund not found"), (refund.ResultCode, Envelope(refund.RawBody!).GetProperty("description").GetString()));
        Assert.Equal((210, "Invoice not found"), (invoice.ResultCode, Envelope(invoice.RawBody!).GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_refusal_is_logged_with_the_field_and_the_rule()
    {
        var lines = new ConcurrentQueue<string>();
        await using var app = SandboxApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new Capture(lines));
        });
        await app.StartAsync();
        using var http = new HttpClient();
        var shop = Shops.SandboxOptions.TestShop;
        using var request = new HttpRequestMessage(HttpMethod.Put, app.Urls.First() + $"/api/v2/prv/{shop.ShopId}/bills/LOG-1")
        {
            Content = new StringContent("user=tel%3A%2B7903&ccy=RUB&comment=c&lifetime=2099-01-01T00%3A00%3A00", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(shop.ApiId + ":" + shop.ApiPassword)));

        using var response = await http.SendAsync(request);
        await app.StopAsync();

        Assert.Contains(lines, l => l.Contains("LOG-1", StringComparison.Ordinal) && l.Contains("341", StringComparison.Ordinal) && l.Contains("'amount' is required", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(shop.ApiPassword, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> Body(SandboxFixture f, string billId, string amount, DateTimeOffset lifetime)
    {
        var moscow = Uri.EscapeDataString(lifetime.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        using var response = await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/{billId}", Form + amount + "&lifetime=" + moscow);
        return Envelope(await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Envelope(string body) => JsonDocument.Parse(body).RootElement.GetProperty("response").Clone();

    private static int Code(JsonElement response) => response.GetProperty("result_code").GetInt32();

    private static string Description(JsonElement response) => response.GetProperty("description").GetString()!;

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
