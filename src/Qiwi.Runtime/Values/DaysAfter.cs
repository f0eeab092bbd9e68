namespace Qiwi.Runtime;

/// <summary>
/// A moment whole days after (or before) another, held at the last (or first) instant a <see cref="DateTimeOffset"/>
/// can hold instead of overflowing: the one place the runtime adds days to a moment (an invoice's automatic expiry,
/// a date window's latest moment), so a clock or an issue time within days of 9999-12-31 (or 0001-01-01) is an answer,
/// not an <see cref="ArgumentOutOfRangeException"/> from inside a check.
/// </summary>
internal static class DaysAfter
{
    /// <summary>The days from 0001-01-01 to 9999-12-31, and one.</summary>
    private const int AllDays = (int)(3_155_378_975_999_999_999 / TimeSpan.TicksPerDay) + 1;

    /// <summary>
    /// <paramref name="from"/> plus <paramref name="days"/> days, in its offset; <see cref="DateTimeOffset.MaxValue"/>
    /// (or <see cref="DateTimeOffset.MinValue"/>) when that moment, or its local time in that offset, is past what a
    /// <see cref="DateTimeOffset"/> holds.
    /// </summary>
    public static DateTimeOffset Of(DateTimeOffset from, int days)
    {
        // More days than the whole range holds: past either end from anywhere (and days * ticks would overflow a long).
        if (days > AllDays || days < -AllDays)
        {
            return days > 0 ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
        }

        var ticks = days * TimeSpan.TicksPerDay;
        if (ticks > 0 && Math.Max(from.UtcTicks, from.Ticks) > DateTime.MaxValue.Ticks - ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        if (ticks < 0 && Math.Min(from.UtcTicks, from.Ticks) + ticks < DateTime.MinValue.Ticks)
        {
            return DateTimeOffset.MinValue;
        }

        return from.AddTicks(ticks);
    }
}
