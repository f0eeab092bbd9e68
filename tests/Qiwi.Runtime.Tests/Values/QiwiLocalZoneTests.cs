namespace Qiwi.Runtime.Tests.Values;

/// <summary>
/// The machine's own time zone moves nothing: every hour of ten years around the local zone's daylight-saving changes,
/// as the local clock shows it, is written in Moscow time and read back as the same instant. benchmarks/timezones.sh
/// runs this (and the suite's other time tests) under zones with odd offsets and DST (Chatham +12:45/+13:45,
/// St John's -03:30/-02:30, Kathmandu +05:45, Kiritimati +14:00, Sao Paulo -03:00).
/// </summary>
public sealed class QiwiLocalZoneTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    /// <summary>A run under <c>TZ</c> tests that zone: .NET took it (otherwise the script would test UTC five times).</summary>
    [Fact]
    public void The_process_runs_in_the_zone_TZ_names()
    {
        var tz = Environment.GetEnvironmentVariable("TZ");
        Assert.Equal(string.IsNullOrEmpty(tz) ? TimeZoneInfo.Local.Id : tz.TrimStart(':'), TimeZoneInfo.Local.Id);
    }

    [Fact]
    public void Every_local_hour_around_the_local_zones_changes_reads_back_as_the_same_instant()
    {
        var zone = TimeZoneInfo.Local;
        var changes = 0;
        var previous = zone.GetUtcOffset(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        for (var utc = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero); utc.Year < 2030; utc = utc.AddMinutes(15))
        {
            var offset = zone.GetUtcOffset(utc);
            if (offset != previous)
            {
                changes++;
            }

            previous = offset;
            var local = utc.ToOffset(offset);
            foreach (var format in new[] { "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHHmm" })
            {
                var back = QiwiFormat.ParseDateTime(QiwiFormat.DateTime(local, Moscow, format), Moscow, format);
                Assert.True(back == utc && back.Offset == Moscow, $"{local:O} ({zone.Id}) read back as {back:O}");
            }
        }

        // The DST zones of the script change twice a year: the scan crossed every change of those ten years.
        if (zone.Id is "Pacific/Chatham" or "America/St_Johns")
        {
            Assert.True(changes >= 20, $"{changes} changes in {zone.Id}");
        }
    }
}
