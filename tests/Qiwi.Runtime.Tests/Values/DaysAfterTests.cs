using Microsoft.Extensions.Time.Testing;

namespace Qiwi.Runtime.Tests.Values;

/// <summary>
/// Adding days to a moment at the ends of time: <see cref="DaysAfter.Of"/> against an oracle in 128-bit arithmetic,
/// on seeded moments in every offset from -14:00 to +14:00 (most within days of 0001-01-01 and 9999-12-31, where the
/// local time in a positive offset overflows before the instant does) and day counts from the small to
/// <see cref="int.MaxValue"/>; and the three checks built on it (an invoice's automatic expiry, the argument guard's and
/// the field check's date windows) with a clock and moments in the last days of 9999, in every offset. Promise: an
/// answer, never an exception from inside a check.
/// </summary>
public sealed class DaysAfterTests
{
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    [Fact]
    public void Days_after_a_moment_saturate_at_either_end_and_are_exact_between()
    {
        var random = new Random(2026_1127);
        var (exact, saturated) = (0, 0);
        for (var i = 0; i < 50_000; i++)
        {
            var from = Moment(random);
            var days = (i % 5) switch
            {
                0 => random.Next(-60, 61),
                1 => random.Next(-4_000_000, 4_000_001),
                2 => random.Next(2) == 0 ? int.MaxValue : int.MinValue,
                3 => random.Next(2) == 0 ? 3_652_059 : -3_652_059,
                _ => random.Next(-2, 3),
            };

            var actual = DaysAfter.Of(from, days);

            var ticks = (Int128)days * TimeSpan.TicksPerDay;
            var utc = from.UtcTicks + ticks;
            var local = from.Ticks + ticks;
            var where = $"case {i}: {from:O} + {days} days";
            if (utc >= 0 && utc <= MaxTicks && local >= 0 && local <= MaxTicks)
            {
                exact++;
                var expected = new DateTimeOffset((long)local, from.Offset);
                Assert.True(expected.EqualsExact(actual), where + $": {actual:O}, expected {expected:O}");
            }
            else
            {
                saturated++;
                Assert.True((days > 0 ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue).EqualsExact(actual), where + $": {actual:O}");
            }
        }

        Assert.True(exact > 10_000 && saturated > 10_000, $"{exact} exact, {saturated} saturated");
    }

    [Fact]
    public void The_checks_built_on_it_answer_at_the_end_of_time_in_every_offset()
    {
        var random = new Random(45_9999);
        for (var i = 0; i < 2_000; i++)
        {
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4 + 1) * 15);
            var nearEnd = MaxTicks + Math.Min(0, offset.Ticks) - random.NextInt64(TimeSpan.TicksPerDay * 60);
            var moment = new DateTimeOffset(nearEnd, offset);
            var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.MaxValue.Ticks - random.NextInt64(TimeSpan.TicksPerDay * 60), TimeSpan.Zero));
            var days = random.Next(0, 120);
            var latest = DaysAfter.Of(clock.GetUtcNow(), days);
            var where = $"case {i}: {moment:O}, now {clock.GetUtcNow():O}, {days} days";

            var expiry = QiwiLifetime.EffectiveExpiry(moment, moment, days);
            Assert.True(expiry == moment, where + ": the expiry of an invoice whose lifetime is its issue is its issue");

            var problem = QiwiFieldCheck.DateTimeWindow("lifetime", moment, clock, days, allowPast: true);
            Assert.Equal(moment > latest, problem is not null);

            var thrown = Record.Exception(() => QiwiGuard.DateTimeWindow(moment, "lifetime", clock, days, allowPast: true));
            Assert.True(moment > latest ? thrown is ArgumentOutOfRangeException { ParamName: "lifetime" } : thrown is null, where + ": " + thrown);
        }
    }

    /// <summary>A moment in a quarter-hour offset, mostly within 60 days of either end of time, where an offset's local time fits.</summary>
    private static DateTimeOffset Moment(Random random)
    {
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4 + 1) * 15);
        // The local time, whose instant (local - offset) must fit too.
        var low = Math.Max(0, offset.Ticks);
        var high = MaxTicks + Math.Min(0, offset.Ticks);
        var local = random.Next(3) switch
        {
            0 => low + random.NextInt64(TimeSpan.TicksPerDay * 60),
            1 => high - random.NextInt64(TimeSpan.TicksPerDay * 60),
            _ => random.NextInt64(low, high),
        };
        return new DateTimeOffset(local, offset);
    }
}
