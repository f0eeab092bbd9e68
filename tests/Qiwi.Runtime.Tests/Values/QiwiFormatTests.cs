using System.Globalization;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Values;

/// <summary>Wire text of values: invariant whatever the current culture, money never rounded up.</summary>
public sealed class QiwiFormatTests
{
    [Theory]
    [InlineData("10.999", "10.99")]
    [InlineData("0.005", "0.00")]
    [InlineData("1", "1.00")]
    [InlineData("10", "10.00")]
    [InlineData("-1.239", "-1.23")]
    [InlineData("-0.001", "0.00")]
    [InlineData("1.5", "1.50")]
    [InlineData("999999.999", "999999.99")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335.00")]
    public void Down_cuts_toward_zero_to_exactly_scale_places_in_any_culture(string value, string expected)
    {
        using var culture = new CultureScope("ru-RU");
        Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
        var amount = decimal.Parse(value, CultureInfo.InvariantCulture);

        Assert.Equal(expected, QiwiFormat.Decimal(amount, 2, QiwiRounding.Down));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), QiwiFormat.Round(amount, 2, QiwiRounding.Down));
    }

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("0.004", "0.00")]
    [InlineData("10.995", "11.00")]
    [InlineData("-1.235", "-1.24")]
    [InlineData("2.5", "3")]
    public void Nearest_rounds_halves_away_from_zero(string value, string expected)
    {
        var amount = decimal.Parse(value, CultureInfo.InvariantCulture);
        var scale = expected.Contains('.', StringComparison.Ordinal) ? 2 : 0;

        Assert.Equal(expected, QiwiFormat.Decimal(amount, scale, QiwiRounding.Nearest));
    }

    [Fact]
    public void Scale_zero_has_no_point()
    {
        Assert.Equal("10", QiwiFormat.Decimal(10.9m, 0, QiwiRounding.Down));
    }

    [Theory]
    [InlineData("ru-RU")]
    [InlineData("th-TH")] // Buddhist calendar: 2016 is 2559
    [InlineData("ar-SA")]
    public void Date_times_are_converted_to_the_offset_and_formatted_invariant(string cultureName)
    {
        using var culture = new CultureScope(cultureName);

        Assert.Equal("2016-09-25T15:00:00", QiwiFormat.DateTime(new DateTimeOffset(2016, 9, 25, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(3), "yyyy-MM-ddTHH:mm:ss"));
        Assert.Equal("2017-01-01T01:30:00", QiwiFormat.DateTime(new DateTimeOffset(2016, 12, 31, 17, 30, 0, TimeSpan.FromHours(-5)), TimeSpan.FromHours(3), "yyyy-MM-ddTHH:mm:ss"));
        Assert.Equal("2016-09-25T1500", QiwiFormat.DateTime(new DateTimeOffset(2016, 9, 25, 15, 0, 0, TimeSpan.FromHours(3)), TimeSpan.FromHours(3), "yyyy-MM-ddTHHmm"));
    }

    [Fact]
    public void A_wire_date_time_reads_back_in_its_offset()
    {
        var value = QiwiFormat.ParseDateTime("2016-09-25T15:00:00", TimeSpan.FromHours(3), "yyyy-MM-ddTHH:mm:ss");

        Assert.Equal(new DateTimeOffset(2016, 9, 25, 12, 0, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.FromHours(3), value.Offset);
        Assert.Throws<FormatException>(() => QiwiFormat.ParseDateTime("25.09.2016 15:00", TimeSpan.FromHours(3), "yyyy-MM-ddTHH:mm:ss"));
    }

    [Fact]
    public void Integers_and_booleans_are_invariant()
    {
        using var culture = new CultureScope("sv-SE");

        Assert.Equal("-1234567", QiwiFormat.Integer(-1234567));
        Assert.Equal(("true", "false"), (QiwiFormat.Boolean(true), QiwiFormat.Boolean(false)));
    }

    [Theory]
    [InlineData("10.00", "10.00")]
    [InlineData("5.0", "5.0")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("7", "7")]
    [InlineData(" 99.95 ", "99.95")]
    public void ParseDecimal_reads_the_point_separator_in_any_culture(string text, string expected)
    {
        using var culture = new CultureScope("ru-RU");

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), QiwiFormat.ParseDecimal(text));
    }

    [Theory]
    [InlineData("10,00")]
    [InlineData("1,000.00")]
    [InlineData("1e3")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("$5")]
    public void ParseDecimal_refuses_anything_else_with_a_FormatException(string text)
    {
        using var culture = new CultureScope("ru-RU");

        Assert.Throws<FormatException>(() => QiwiFormat.ParseDecimal(text));
    }
}
