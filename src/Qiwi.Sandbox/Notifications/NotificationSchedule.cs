namespace Qiwi.Sandbox.Notifications;

/// <summary>
/// When QIWI repeats a notification: growing waits (10 s, doubling, at most 30 min), at most 50 attempts
/// and no attempt more than 24 hours after the first. The waits sum to about 21.7 hours, inside the 24.
/// </summary>
public static class NotificationSchedule
{
    public const int MaxAttempts = 50;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The wait after attempt number <paramref name="attempt"/> (1 for the first), divided by <paramref name="timeScale"/>.</summary>
    public static TimeSpan WaitAfter(int attempt, double timeScale)
    {
        var seconds = Math.Min(10 * Math.Pow(2, attempt - 1), TimeSpan.FromMinutes(30).TotalSeconds);
        return TimeSpan.FromSeconds(seconds / Math.Max(timeScale, 1e-6));
    }
}
