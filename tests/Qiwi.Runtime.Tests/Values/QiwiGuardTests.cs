using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Values;

/// <summary>Each guard names the parameter and states the rule it broke.</summary>
public sealed class QiwiGuardTests
{
    [Fact]
    public void NotNull_names_the_parameter()
    {
        QiwiGuard.NotNull("x", "billId");

        var error = Assert.Throws<ArgumentNullException>(() => QiwiGuard.NotNull(null, "billId"));

        Assert.Equal("billId", error.ParamName);
        Assert.StartsWith("billId is required.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, 200, "billId must be 1 to 200 characters (was 0).")]
    [InlineData("201", 1, 200, "billId must be 1 to 200 characters (was 201).")]
    [InlineData("abc", null, 2, "billId must be at most 2 characters (was 3).")]
    [InlineData("", 1, null, "billId must be at least 1 character (was 0).")]
    [InlineData("ab", 3, null, "billId must be at least 3 characters (was 2).")]
    public void Length_states_the_bounds_and_the_actual_length(string value, int? min, int? max, string message)
    {
        value = value == "201" ? new string('x', 201) : value;

        var error = Assert.Throws<ArgumentException>(() => QiwiGuard.Length(value, "billId", min, max));

        Assert.Equal("billId", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_passes_at_the_bounds_and_refuses_null()
    {
        QiwiGuard.Length("x", "billId", 1, 200);
        QiwiGuard.Length(new string('x', 200), "billId", 1, 200);
        QiwiGuard.Length("", "comment", null, 255);

        Assert.Equal("billId", Assert.Throws<ArgumentNullException>(() => QiwiGuard.Length(null!, "billId", 1, 200)).ParamName);
    }

    [Fact]
    public void Pattern_shows_the_pattern_and_the_value()
    {
        var pattern = new Regex("^[0-9A-Za-z]{1,9}$");
        QiwiGuard.Pattern("REF1", "refundId", pattern, "[0-9A-Za-z]{1,9}");

        var error = Assert.Throws<ArgumentException>(() => QiwiGuard.Pattern("REF-1", "refundId", pattern, "[0-9A-Za-z]{1,9}"));

        Assert.Equal("refundId", error.ParamName);
        Assert.StartsWith("refundId must match [0-9A-Za-z]{1,9} (was 'REF-1').", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_bounds_are_inclusive_or_exclusive_and_invariant()
    {
        using var culture = new CultureScope("ru-RU");
        QiwiGuard.Minimum(0m, "amount", 0m, exclusive: false);
        QiwiGuard.Minimum(0.01m, "amount", 0m, exclusive: true);
        QiwiGuard.Maximum(100m, "amount", 100m, exclusive: false);
        QiwiGuard.Maximum(99.99m, "amount", 100m, exclusive: true);

        var atLeast = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.Minimum(1.49m, "amount", 1.5m, exclusive: false));
        var greater = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.Minimum(0m, "amount", 0m, exclusive: true));
        var atMost = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.Maximum(100.51m, "amount", 100.5m, exclusive: false));
        var less = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.Maximum(100m, "amount", 100m, exclusive: true));

        Assert.All(new[] { atLeast, greater, atMost, less }, e => Assert.Equal("amount", e.ParamName));
        Assert.StartsWith("amount must be at least 1.5.", atLeast.Message, StringComparison.Ordinal);
        Assert.StartsWith("amount must be greater than 0", greater.Message, StringComparison.Ordinal);
        Assert.StartsWith("amount must be at most 100.5.", atMost.Message, StringComparison.Ordinal);
        Assert.StartsWith("amount must be less than 100.", less.Message, StringComparison.Ordinal);
        Assert.Equal(1.49m, atLeast.ActualValue);
    }

    [Fact]
    public void Integer_minimum()
    {
        QiwiGuard.Minimum(0L, "shopId", 0L, exclusive: false);

        var atLeast = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.Minimum(-1L, "shopId", 0L, exclusive: false));
        var greater = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.Minimum(0L, "shopId", 0L, exclusive: true));

        Assert.Equal(("shopId", "shopId"), (atLeast.ParamName, greater.ParamName));
        Assert.StartsWith("shopId must be at least 0.", atLeast.Message, StringComparison.Ordinal);
        Assert.StartsWith("shopId must be greater than 0.", greater.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DateTimeWindow_allows_exactly_45_days_ahead_on_the_given_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();

        QiwiGuard.DateTimeWindow(now.AddDays(45), "lifetime", clock, 45, allowPast: false);
        QiwiGuard.DateTimeWindow(now.AddDays(45).ToOffset(TimeSpan.FromHours(3)), "lifetime", clock, 45, allowPast: false);
        QiwiGuard.DateTimeWindow(now, "lifetime", clock, 45, allowPast: false);
        var tooLate = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.DateTimeWindow(now.AddDays(45).AddSeconds(1), "lifetime", clock, 45, allowPast: false));

        Assert.Equal("lifetime", tooLate.ParamName);
        Assert.StartsWith("lifetime must be at most 45 days ahead", tooLate.Message, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(1)); // the window moves with the clock
        QiwiGuard.DateTimeWindow(now.AddDays(45).AddSeconds(1), "lifetime", clock, 45, allowPast: false);
    }

    [Fact]
    public void DateTimeWindow_refuses_the_past_unless_allowed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));
        var past = clock.GetUtcNow().AddSeconds(-1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiGuard.DateTimeWindow(past, "lifetime", clock, 45, allowPast: false));
        QiwiGuard.DateTimeWindow(past, "lifetime", clock, 45, allowPast: true);
        QiwiGuard.DateTimeWindow(clock.GetUtcNow().AddYears(5), "lifetime", clock, maxDaysAhead: null, allowPast: false);

        Assert.Equal("lifetime", error.ParamName);
        Assert.StartsWith("lifetime must not be in the past", error.Message, StringComparison.Ordinal);
    }
}
