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

    /// <summary>The moment in the zone <paramref name="offset"/>, formatted with <paramref name="format"/>.</summary>
    public static string DateTime(DateTimeOffset value, TimeSpan offset, string format)
        => value.ToOffset(offset).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Reads a date-time written in the zone <paramref name="offset"/> with <paramref name="format"/>.</summary>
    /// <exception cref="FormatException">The text does not match the format.</exception>
    public static DateTimeOffset ParseDateTime(string text, TimeSpan offset, string format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var local = System.DateTime.ParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new DateTimeOffset(System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

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
