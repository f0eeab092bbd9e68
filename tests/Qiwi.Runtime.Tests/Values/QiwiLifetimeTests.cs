using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests.Values;

/// <summary>The service expires invoices, it does not refuse lifetimes: the client sends any lifetime; the strict check is opt-in.</summary>
public sealed class QiwiLifetimeTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_effective_expiry_is_the_earlier_of_the_lifetime_and_the_automatic_expiry()
    {
        Assert.Equal(Issued.AddDays(10), QiwiLifetime.EffectiveExpiry(Issued.AddDays(10), Issued, 45));
        Assert.Equal(Issued.AddDays(45), QiwiLifetime.EffectiveExpiry(Issued.AddDays(90), Issued, 45));
        Assert.Equal(Issued.AddDays(28), QiwiLifetime.EffectiveExpiry(Issued.AddDays(40), Issued, 28));
        Assert.Throws<ArgumentOutOfRangeException>(() => QiwiLifetime.EffectiveExpiry(Issued, Issued, -1));
    }

    [Fact]
    public void The_strict_check_refuses_the_past_and_beyond_the_days_on_the_given_clock()
    {
        var clock = new FakeTimeProvider(Issued);
        QiwiLifetime.EnsureWithin(Issued, 28, clock);
        QiwiLifetime.EnsureWithin(Issued.AddDays(28), 28, clock);
        Assert.Equal("lifetime", Assert.Throws<ArgumentOutOfRangeException>(() => QiwiLifetime.EnsureWithin(Issued.AddDays(28).AddTicks(1), 28, clock)).ParamName);
        Assert.Equal("when", Assert.Throws<ArgumentOutOfRangeException>(() => QiwiLifetime.EnsureWithin(Issued.AddTicks(-1), 28, clock, "when")).ParamName);
    }

    [Fact]
    public void The_web_form_builders_accept_a_lifetime_past_28_days_and_in_the_past()
    {
        var far = DateTimeOffset.UtcNow.AddDays(60);
        var past = DateTimeOffset.UtcNow.AddDays(-1);

        var signed = new QiwiPullRedirects(new QiwiClientOptions()).WebFormSigned("pw", 1, "RUB", 5m, "T1", 7, lifetime: far);
        var unsignedPast = new QiwiPullRedirects(new QiwiClientOptions()).WebForm(1, "RUB", lifetime: past);

        Assert.Contains("lifetime=" + far.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHHmm", System.Globalization.CultureInfo.InvariantCulture), signed.Query, StringComparison.Ordinal);
        Assert.Contains("lifetime=", unsignedPast.Query, StringComparison.Ordinal);
    }
}
