using System.Globalization;
using Qiwi.Runtime;

namespace Qiwi.Extensions.DependencyInjection;

/// <summary>
/// Checks of settings that are valid to the runtime but are almost surely a slip of configuration text (appsettings,
/// environment variables, secret files): every one would otherwise show only as a refused call, or as a wait of days.
/// The messages name the setting and never quote a credential.
/// </summary>
internal static class QiwiConfigurationChecks
{
    /// <summary>A timeout or retry delay this long is a bare number in configuration, which TimeSpan reads as days.</summary>
    internal static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);

    /// <summary>The failures, each checked whatever the runtime's checks found (null settings, which the runtime reports, are skipped).</summary>
    public static IEnumerable<QiwiOptionsError> Check(QiwiClientOptions options)
    {
        if (HasSpaceOrControl(options.ApiId ?? string.Empty, anywhere: true))
        {
            yield return new("ApiId", "ApiId must not contain white space or control characters (a space or line break copied with it, or the end of a secret file?).");
        }

        if (HasSpaceOrControl(options.ApiPassword ?? string.Empty, anywhere: false))
        {
            yield return new("ApiPassword", "ApiPassword must not contain control characters or start or end with white space (a line break at the end of a secret file, or a space copied with it?); its value is not shown.");
        }

        if (TooLong(options.Timeout, "Timeout") is { } timeout)
        {
            yield return timeout;
        }

        if (TooLong(options.Retry?.BaseDelay, "Retry.BaseDelay") is { } baseDelay)
        {
            yield return baseDelay;
        }

        if (TooLong(options.Retry?.MaxDelay, "Retry.MaxDelay") is { } maxDelay)
        {
            yield return maxDelay;
        }
    }

    /// <summary>Whether <paramref name="value"/> has a control character anywhere, or white space at its ends (or, with <paramref name="anywhere"/>, anywhere).</summary>
    private static bool HasSpaceOrControl(string value, bool anywhere)
    {
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

    private static QiwiOptionsError? TooLong(TimeSpan? value, string setting)
        => value is { } duration && duration >= LongestDuration
            ? new(setting, string.Create(CultureInfo.InvariantCulture, $"{setting} is {duration:c}, a day or more: configuration reads a bare number as days (write 00:00:30 for 30 seconds)."))
            : null;
}
