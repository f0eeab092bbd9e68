using System.Globalization;

namespace Qiwi.Runtime;

/// <summary>
/// Rules for settings that come as text (configuration, environment variables, secret files): values the runtime could
/// use but that are almost surely a slip of the text, each of which would otherwise show only as refused calls or as a
/// wait of days. The one home of these rules: the client's options check with them
/// (<see cref="QiwiClientOptions.GetErrors"/>), and so does the notification endpoint's (Qiwi.AspNetCore).
/// </summary>
public static class QiwiSettingText
{
    /// <summary>
    /// Whether <paramref name="value"/> has a control character anywhere or white space at either end (a line break at the
    /// end of a secret file, a space copied with it): a password like that never verifies. False for null or empty text.
    /// </summary>
    public static bool HasControlOrOuterSpace(string? value) => HasSpaceOrControl(value, anywhere: false);

    /// <summary>A timeout or retry delay this long is a bare number in configuration, which TimeSpan reads as days.</summary>
    internal static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);

    /// <summary>The failure of an API ID with white space or a control character anywhere (it is the Basic user name), or null.</summary>
    internal static QiwiOptionsError? ApiId(string? value)
        => HasSpaceOrControl(value, anywhere: true)
            ? new("ApiId", "ApiId must not contain white space or control characters (a space or line break copied with it, or the end of a secret file?).")
            : null;

    /// <summary>The failure of an API password with a control character or outer white space, or null; the message never quotes it.</summary>
    internal static QiwiOptionsError? ApiPassword(string? value)
        => HasControlOrOuterSpace(value)
            ? new("ApiPassword", "ApiPassword must not contain control characters or start or end with white space (a line break at the end of a secret file, or a space copied with it?); its value is not shown.")
            : null;

    /// <summary>The failure of a duration of a day or more (a bare number read as days), or null.</summary>
    internal static QiwiOptionsError? Duration(TimeSpan value, string setting)
        => value >= LongestDuration
            ? new(setting, string.Create(CultureInfo.InvariantCulture, $"{setting} is {value:c}, a day or more: configuration reads a bare number as days (write 00:00:30 for 30 seconds)."))
            : null;

    /// <summary>Whether <paramref name="value"/> has a control character anywhere, or white space at its ends (or, with <paramref name="anywhere"/>, anywhere).</summary>
    private static bool HasSpaceOrControl(string? value, bool anywhere)
    {
        value ??= string.Empty;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || (char.IsWhiteSpace(c) && (anywhere || i == 0 || i == value.Length - 1)))
            {
                return true;
            }
        }

        return false;
    }
}
