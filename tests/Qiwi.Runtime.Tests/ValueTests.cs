using System.Globalization;
using System.Net;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests;

/// <summary>Money is decimal, invariant and never rounded up; lifetimes go in Moscow time, and only the caller's opt-in check refuses one.</summary>
public sealed class ValueTests
{
    [Theory]
    [InlineData("10", "10.00")]
    [InlineData("10.999", "10.99")]
    [InlineData("0.019", "0.01")]
    [InlineData("1.5", "1.50")]
    [InlineData("-1.239", "-1.23")]
    [InlineData("999999.999", "999999.99")]
    public void Amounts_are_rounded_down_to_two_places_in_the_invariant_culture(string value, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("ru-RU");
        try
        {
            Assert.Equal(expected, QiwiFormat.Decimal(decimal.Parse(value, CultureInfo.InvariantCulture), 2, QiwiRounding.Down));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task The_lifetime_is_sent_in_moscow_time_whatever_the_offset_given()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJsonFor("B1")).Respond(HttpStatusCode.OK, Docs.BillPaidJsonFor("B2"));

        await f.Client.CreateBillAsync("B1", "tel:+7", 10m, "RUB", "c", new DateTimeOffset(2026, 1, 20, 21, 30, 0, TimeSpan.Zero));
        await f.Client.CreateBillAsync("B2", "tel:+7", 10m, "RUB", "c", new DateTimeOffset(2026, 1, 20, 21, 30, 0, TimeSpan.FromHours(-5)));

        Assert.Contains("lifetime=2026-01-21T00%3A30%3A00", f.Handler.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("lifetime=2026-01-21T05%3A30%3A00", f.Handler.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lifetime_more_than_45_days_ahead_or_in_the_past_is_sent_because_the_service_expires_it_and_refuses_neither()
    {
        using var f = new ClientFixture();
        var now = f.Clock.GetUtcNow();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJsonFor("B1")).Respond(HttpStatusCode.OK, Docs.BillPaidJsonFor("B2"));

        await f.Client.CreateBillAsync("B1", "tel:+7", 10m, "RUB", "c", now.AddDays(60));
        await f.Client.CreateBillAsync("B2", "tel:+7", 10m, "RUB", "c", now.AddSeconds(-1));

        Assert.Equal(2, f.Handler.Requests.Count);

        // The caller's opt-in strict check refuses both, on the client's clock.
        var tooLate = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiLifetime.EnsureWithin(now.AddDays(45).AddSeconds(1), 45, f.Clock));
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiLifetime.EnsureWithin(now.AddSeconds(-1), 45, f.Clock));
        QiwiLifetime.EnsureWithin(now.AddDays(45), 45, f.Clock);
        Assert.Equal(("lifetime", "lifetime"), (tooLate.ParamName, past.ParamName));
        Assert.Contains("45 days", tooLate.Message, StringComparison.Ordinal);
        Assert.Contains("past", past.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_is_kept_with_its_wire_value()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJson.Replace("\"paid\"", "\"frozen\"", StringComparison.Ordinal));

        var bill = await f.Client.GetBillStatusAsync("BILL-1");

        Assert.Equal(BillStatus.Unknown, bill.Status);
        Assert.Equal("frozen", bill.StatusWireValue);
        Assert.False(bill.Status.IsFinal());
    }
}
