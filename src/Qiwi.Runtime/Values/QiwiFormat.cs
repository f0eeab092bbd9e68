using System.Globalization;

namespace Qiwi.Runtime;

/// <summary>Wire text of values: invariant culture, money never rounded up, date-times in the spec's zone.</summary>
public static class QiwiFormat
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="scale"/> places (toward zero for <see cref="QiwiRounding.Down"/>).</summary>
    public static decimal Round(decimal value, int scale, QiwiRounding rounding)
        => decimal.Round(value, scale, rounding == QiwiRounding.Down ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero);

    /// <summary>The amount with exactly <paramref name="scale"/> places: 10 -> "10.00", 10.999 -> "10.99".</summary>
    public static string Decimal(decimal value, int scale, QiwiRounding rounding)
        => Round(value, scale, rounding).ToString(FixedFormat(scale), CultureInfo.InvariantCulture);

    /// <summary>The format "F{scale}": one string for each scale a spec uses (0 to 8), not one per call.</summary>
    private static string FixedFormat(int scale)
        => (uint)scale < (uint)FixedFormats.Length ? FixedFormats[scale] : "F" + scale.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] FixedFormats = ["F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"];

    /// <summary>
    /// The moment in the zone <paramref name="offset"/>, formatted with <paramref name="format"/>. A format without
    /// seconds (or fractions) cuts them off: the text is the moment or up to one unit before it, never after.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The moment is outside 0001-01-01 to 9999-12-31 in that zone (no text holds it).</exception>
    public static string DateTime(DateTimeOffset value, TimeSpan offset, string format)
    {
        if (value.UtcTicks + offset.Ticks > System.DateTime.MaxValue.Ticks || value.UtcTicks + offset.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{value.ToString("O", CultureInfo.InvariantCulture)} is outside 0001-01-01 to 9999-12-31 in the zone {Offset(offset)}, so no wire text holds it.");
        }

        return value.ToOffset(offset).ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a date-time written in the zone <paramref name="offset"/> with <paramref name="format"/>: only the text
    /// that format writes (no white space, offset, other digits or second spelling), naming a real calendar date and
    /// time (no Feb 30, 24:00 or leap second 23:59:60) whose instant a <see cref="DateTimeOffset"/> holds.
    /// </summary>
    /// <exception cref="FormatException">The text does not match the format, or its instant is before 0001-01-01T00:00Z.</exception>
    public static DateTimeOffset ParseDateTime(string text, TimeSpan offset, string format)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!System.DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new FormatException($"'{Shorten(text)}' is not a date and time as {format}.");
        }

        // 0001-01-01T00:00 in +03:00 is 2000-12-31T21:00Z of year 0: the format reads it, no instant is it.
        var utc = local.Ticks - offset.Ticks;
        if (utc < 0 || utc > System.DateTime.MaxValue.Ticks)
        {
            throw new FormatException($"'{Shorten(text)}' in the zone {Offset(offset)} is outside the instants 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.");
        }

        return new DateTimeOffset(System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>Reads a decimal with a point separator (invariant).</summary>
    /// <exception cref="FormatException">The text is not a decimal number.</exception>
    public static decimal ParseDecimal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{Shorten(text)}' is not a decimal number.");
        }

        return value;
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
