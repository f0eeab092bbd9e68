namespace Qiwi.Sandbox.Notifications;

/// <summary>
/// When QIWI repeats a notification: growing waits (10 s, doubling, at most 30 min), at most 50 attempts
/// and no attempt more than 24 hours after the first. The 49 waits sum to 76 350 s (21 h 12 min 30 s), inside the
/// 24 hours, so all 50 attempts are made. A time scale divides every wait and the window alike.
/// </summary>
public static class NotificationSchedule
{
    public const int MaxAttempts = 50;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The wait after attempt number <paramref name="attempt"/> (1 for the first), divided by <paramref name="timeScale"/>.</summary>
    public static TimeSpan WaitAfter(int attempt, double timeScale)
    {
        var seconds = Math.Min(10 * Math.Pow(2, Math.Min(attempt - 1, 30)), TimeSpan.FromMinutes(30).TotalSeconds);
        return Scaled(TimeSpan.FromSeconds(seconds), timeScale);
    }

    /// <summary>The 24-hour window divided by <paramref name="timeScale"/>.</summary>
    public static TimeSpan WindowAt(double timeScale) => Scaled(Window, timeScale);

    private static TimeSpan Scaled(TimeSpan span, double timeScale) => TimeSpan.FromTicks((long)Math.Round(span.Ticks / Math.Max(timeScale, 1e-6)));
}
