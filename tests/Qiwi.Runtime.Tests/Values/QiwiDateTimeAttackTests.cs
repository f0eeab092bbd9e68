using System.Globalization;
using System.Text;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Values;

/// <summary>
/// The wire date-times (the REST lifetime <c>yyyy-MM-ddTHH:mm:ss</c> and the web form's <c>yyyy-MM-ddTHHmm</c>, both
/// Moscow time without an offset) attacked with seeded instants in every offset the world uses and with hostile text.
/// Promises: a written value reads back as the same instant cut to the format's precision (toward the past: an invoice
/// never lives longer than asked), in the zone +03:00, in any culture; a value that zone cannot write is an
/// <see cref="ArgumentOutOfRangeException"/> naming it; text is read only when it is exactly what the writer writes,
/// and anything else (including a date whose instant a <see cref="DateTimeOffset"/> cannot hold) is a
/// <see cref="FormatException"/>, never another exception.
/// </summary>
public sealed class QiwiDateTimeAttackTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHHmm"];

    /// <summary>Every UTC offset in use (tz database, 2026), the odd quarter- and half-hour ones included.</summary>
    private static readonly TimeSpan[] WorldOffsets =
    [
        .. new[] { -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }.Select(h => TimeSpan.FromHours(h)),
        new(-9, -30, 0), new(-3, -30, 0), new(3, 30, 0), new(4, 30, 0), new(5, 30, 0), new(5, 45, 0), new(6, 30, 0),
        new(8, 45, 0), new(9, 30, 0), new(10, 30, 0), new(12, 45, 0), new(13, 45, 0),
    ];

    private static readonly string[] Cultures = ["en-US", "ru-RU", "th-TH", "ar-SA", "fa-IR", "he-IL", "ja-JP", "hi-IN"];

    [Fact]
    public void Seeded_instants_in_every_offset_read_back_as_the_same_instant_cut_toward_the_past()
    {
        var random = new Random(20261126);
        var checkedCount = 0;
        var refused = 0;
        foreach (var value in Instants(random, 4000))
        {
            using var culture = new CultureScope(Cultures[random.Next(Cultures.Length)]);
            foreach (var format in Formats)
            {
                var precision = format.EndsWith("ss", StringComparison.Ordinal) ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMinute;
                if (value.UtcTicks + Moscow.Ticks > DateTime.MaxValue.Ticks)
                {
                    // Past 9999-12-31T23:59:59 in Moscow: no text holds it; the caller's argument is named.
                    var exception = Assert.Throws<ArgumentOutOfRangeException>(() => QiwiFormat.DateTime(value, Moscow, format));
                    Assert.Equal("value", exception.ParamName);
                    refused++;
                    continue;
                }

                var text = QiwiFormat.DateTime(value, Moscow, format);
                var back = QiwiFormat.ParseDateTime(text, Moscow, format);

                var expected = value.UtcTicks + Moscow.Ticks;
                expected -= expected % precision;
                Assert.True(back.UtcTicks + Moscow.Ticks == expected, $"{value:O} as {format} is '{text}', read back as {back:O}");
                Assert.Equal(Moscow, back.Offset);
                Assert.True(back <= value && value - back < TimeSpan.FromTicks(precision), $"{value:O} -> {back:O}");
                Assert.Equal(text, QiwiFormat.DateTime(back, Moscow, format));
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 7000 && refused > 0, $"{checkedCount} round trips, {refused} refused");
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("0001-01-01T02:59:59")]
    [InlineData("0001-01-01T0000")]
    [InlineData("0001-01-01T0259")]
    public void A_date_before_the_first_instant_in_Moscow_is_a_format_exception(string text)
    {
        var format = text.Contains(':', StringComparison.Ordinal) ? Formats[0] : Formats[1];

        var exception = Assert.Throws<FormatException>(() => QiwiFormat.ParseDateTime(text, Moscow, format));

        Assert.Contains(text, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_and_last_instants_in_Moscow_are_read()
    {
        Assert.Equal(DateTimeOffset.MinValue, QiwiFormat.ParseDateTime("0001-01-01T03:00:00", Moscow, Formats[0]));
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 20, 59, 59, TimeSpan.Zero), QiwiFormat.ParseDateTime("9999-12-31T23:59:59", Moscow, Formats[0]));
        Assert.Equal("0001-01-01T03:00:00", QiwiFormat.DateTime(DateTimeOffset.MinValue, Moscow, Formats[0]));
    }

    [Theory]
    [InlineData("2016-02-30T15:00:00")]
    [InlineData("2015-02-29T15:00:00")]
    [InlineData("2016-12-31T23:59:60")]
    [InlineData("2016-09-25T24:00:00")]
    [InlineData("2016-09-25T15:60:00")]
    [InlineData("2016-13-01T15:00:00")]
    [InlineData("2016-00-01T15:00:00")]
    [InlineData("2016-09-00T15:00:00")]
    [InlineData("0000-01-01T15:00:00")]
    [InlineData("2016-09-25t15:00:00")]
    [InlineData("2016-09-25 15:00:00")]
    [InlineData("2016-09-25T15:00:00Z")]
    [InlineData("2016-09-25T15:00:00z")]
    [InlineData("2016-09-25T15:00:00+03:00")]
    [InlineData("2016-09-25T15:00:00+14:01")]
    [InlineData("2016-09-25T15:00:00+0300")]
    [InlineData("2016-09-25T15:00:00+03")]
    [InlineData("2016-09-25T15:00:00.5")]
    [InlineData("2016-09-25T15:00:00,5")]
    [InlineData("2016-09-25T15:00")]
    [InlineData("2016-09-25")]
    [InlineData(" 2016-09-25T15:00:00")]
    [InlineData("2016-09-25T15:00:00 ")]
    [InlineData("2016-09-25T15:00:00\n")]
    [InlineData("12016-09-25T15:00:00")]
    [InlineData("+2016-09-25T15:00:00")]
    [InlineData("-2016-09-25T15:00:00")]
    [InlineData("16-09-25T15:00:00")]
    [InlineData("2016-9-25T15:00:00")]
    [InlineData("2016-09-25T5:00:00")]
    [InlineData("２０１６-09-25T15:00:00")]
    [InlineData("٢٠١٦-09-25T15:00:00")]
    [InlineData("2016/09/25T15:00:00")]
    [InlineData("20160925T150000")]
    [InlineData("")]
    public void Hostile_REST_lifetime_text_is_a_format_exception(string text)
        => Assert.Throws<FormatException>(() => QiwiFormat.ParseDateTime(text, Moscow, Formats[0]));

    [Theory]
    [InlineData("2016-09-25T15:00")]
    [InlineData("2016-09-25T15:00:00")]
    [InlineData("2016-09-25t1500")]
    [InlineData("2016-09-25T2400")]
    [InlineData("2016-02-30T1500")]
    [InlineData("2016-09-25T150")]
    [InlineData("2016-09-25T15000")]
    [InlineData("2016-09-25T1500+0300")]
    [InlineData("2016-09-25 1500")]
    public void Hostile_web_form_lifetime_text_is_a_format_exception(string text)
        => Assert.Throws<FormatException>(() => QiwiFormat.ParseDateTime(text, Moscow, Formats[1]));

    [Fact]
    public void Every_truncation_of_a_valid_date_at_either_end_is_a_format_exception()
    {
        foreach (var format in Formats)
        {
            var valid = QiwiFormat.DateTime(new DateTimeOffset(2016, 9, 25, 12, 0, 0, TimeSpan.Zero), Moscow, format);
            for (var length = 0; length < valid.Length; length++)
            {
                var head = valid[..length];
                var tail = valid[(length + 1)..];
                Assert.Throws<FormatException>(() => QiwiFormat.ParseDateTime(head, Moscow, format));
                Assert.Throws<FormatException>(() => QiwiFormat.ParseDateTime(tail, Moscow, format));
            }
        }
    }

    /// <summary>
    /// Seeded mutants of valid text (a character replaced, inserted or removed, from digits of several scripts, the
    /// separators, case variants and white space): each is refused with a <see cref="FormatException"/> or is read, and
    /// then it is exactly the text the writer writes for what was read (no second spelling of a value is accepted).
    /// </summary>
    [Fact]
    public void Seeded_mutants_are_refused_or_are_the_canonical_text()
    {
        const string alphabet = "0123456789-:T tZz+.,\t\u00A0\uFF10\u0660\u0966\u2212";
        var random = new Random(1126);
        var accepted = 0;
        foreach (var value in Instants(random, 600))
        {
            if (value.UtcTicks + Moscow.Ticks > DateTime.MaxValue.Ticks)
            {
                continue;
            }

            foreach (var format in Formats)
            {
                var valid = QiwiFormat.DateTime(value, Moscow, format);
                for (var i = 0; i < 5; i++)
                {
                    var mutant = Mutate(random, valid, alphabet);
                    DateTimeOffset read;
                    try
                    {
                        read = QiwiFormat.ParseDateTime(mutant, Moscow, format);
                    }
                    catch (FormatException)
                    {
                        continue;
                    }

                    Assert.True(QiwiFormat.DateTime(read, Moscow, format) == mutant, $"'{mutant}' (from '{valid}') was read as {read:O}");
                    accepted++;
                }
            }
        }

        Assert.True(accepted > 0, "no mutant was a valid date: the test cannot tell acceptance from refusal");
    }

    /// <summary>An invoice issued within 45 days of the end of time: the automatic expiry past 9999 cuts nothing (no overflow).</summary>
    [Fact]
    public void The_effective_expiry_of_an_invoice_issued_at_the_end_of_time_does_not_overflow()
    {
        var random = new Random(45);
        for (var i = 0; i < 200; i++)
        {
            var issued = DateTimeOffset.MaxValue.AddTicks(-random.NextInt64(TimeSpan.TicksPerDay * 50));
            var lifetime = DateTimeOffset.MaxValue.AddTicks(-random.NextInt64(TimeSpan.TicksPerDay * 100));

            var expiry = QiwiLifetime.EffectiveExpiry(lifetime, issued, 45);

            Assert.Equal(issued.UtcTicks + (TimeSpan.TicksPerDay * 45) <= DateTimeOffset.MaxValue.UtcTicks ? Min(lifetime, issued.AddDays(45)) : lifetime, expiry);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Mutate(Random random, string text, string alphabet)
    {
        var builder = new StringBuilder(text);
        var at = random.Next(text.Length);
        switch (random.Next(4))
        {
            case 0:
                builder[at] = alphabet[random.Next(alphabet.Length)];
                break;
            case 1:
                builder.Insert(random.Next(text.Length + 1), alphabet[random.Next(alphabet.Length)]);
                break;
            case 2:
                builder.Remove(at, 1);
                break;
            default:
                // A digit for another digit: most of these are still dates, some (month 19, Feb 30) are not.
                if (char.IsAsciiDigit(builder[at]))
                {
                    builder[at] = (char)('0' + random.Next(10));
                }

                break;
        }

        return builder.ToString();
    }

    /// <summary>Seeded instants: any tick from 0001 to 9999 in any world offset with 0 to 7 fraction digits, and the edges.</summary>
    private static IEnumerable<DateTimeOffset> Instants(Random random, int count)
    {
        yield return DateTimeOffset.MinValue;
        yield return DateTimeOffset.MaxValue;
        yield return new DateTimeOffset(9999, 12, 31, 20, 59, 59, TimeSpan.Zero).AddTicks(9_999_999);
        yield return new DateTimeOffset(9999, 12, 31, 21, 0, 0, TimeSpan.Zero);
        yield return new DateTimeOffset(2016, 12, 31, 20, 59, 59, 999, TimeSpan.Zero);
        yield return new DateTimeOffset(2016, 12, 31, 21, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var offset = WorldOffsets[random.Next(WorldOffsets.Length)];
            long local = random.Next(3) switch
            {
                0 => random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks),
                1 => new DateTime(random.Next(1990, 2100), 1, 1).Ticks + random.NextInt64(TimeSpan.TicksPerDay * 366),
                _ => (random.Next(2) == 0 ? new DateTime(random.Next(2000, 2100), 12, 31, 23, 59, 0) : new DateTime(random.Next(2000, 2100), 1, 1, 0, 0, 0)).Ticks
                    + random.NextInt64(-TimeSpan.TicksPerDay, TimeSpan.TicksPerDay),
            };
            var digits = random.Next(8);
            var unit = (long)Math.Pow(10, 7 - digits);
            local -= local % unit;
            if (local - offset.Ticks < DateTime.MinValue.Ticks || local - offset.Ticks > DateTime.MaxValue.Ticks)
            {
                continue;
            }

            yield return new DateTimeOffset(new DateTime(local, DateTimeKind.Unspecified), offset);
        }
    }
}
