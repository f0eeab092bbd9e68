namespace Qiwi.Runtime;

/// <summary>How often and how patiently a failed call is repeated (only where that is safe).</summary>
public sealed class QiwiRetryOptions
{
    /// <summary>Attempts in all, the first included; 1 turns retries off.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The delay before the first retry; it doubles for each further one.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// A number in [0, 1) for the jitter (half of each delay is random so that many clients do not retry
    /// in step). Defaults to <see cref="Random.Shared"/>; tests set a fixed one. Values outside are clamped, NaN taken as 0.
    /// </summary>
    public Func<double> Jitter { get; set; } = static () => Random.Shared.NextDouble();

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var random = Jitter();
        var jitter = double.IsNaN(random) ? 0 : Math.Clamp(random, 0, 1); // NaN would fail the call between its attempts
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * jitter));
    }

    /// <summary>Reads the settings under the client's <c>Retry</c> key (<c>Retry:MaxAttempts</c>, <c>Retry:BaseDelay</c>, <c>Retry:MaxDelay</c>).</summary>
    internal void ReadSettings(QiwiSettingsReader reader)
    {
        if (reader.Int32("Retry:MaxAttempts") is { } maxAttempts)
        {
            MaxAttempts = maxAttempts;
        }

        if (reader.TimeSpan("Retry:BaseDelay") is { } baseDelay)
        {
            BaseDelay = baseDelay;
            _baseDelayText = baseDelay;
        }

        if (reader.TimeSpan("Retry:MaxDelay") is { } maxDelay)
        {
            MaxDelay = maxDelay;
            _maxDelayText = maxDelay;
        }
    }

    /// <summary>The delays read from text, if any: while a setting holds the value read, it is checked as text.</summary>
    private TimeSpan? _baseDelayText;
    private TimeSpan? _maxDelayText;

    /// <summary>A delay of a day or more read from text (or, with <paramref name="everySettingAsText"/>, set anyhow): a bare number read as days.</summary>
    internal void AddTextErrors(ICollection<QiwiOptionsError> errors, bool everySettingAsText)
    {
        if ((everySettingAsText || BaseDelay == _baseDelayText) && QiwiSettingText.Duration(BaseDelay, "Retry.BaseDelay") is { } baseDelay)
        {
            errors.Add(baseDelay);
        }

        if ((everySettingAsText || MaxDelay == _maxDelayText) && QiwiSettingText.Duration(MaxDelay, "Retry.MaxDelay") is { } maxDelay)
        {
            errors.Add(maxDelay);
        }
    }

    /// <summary>Adds a failure for each bad setting, named as under the client's options (<c>Retry.MaxAttempts</c>).</summary>
    internal void AddErrors(ICollection<QiwiOptionsError> errors)
    {
        if (MaxAttempts < 1)
        {
            errors.Add(new("Retry.MaxAttempts", "Retry.MaxAttempts must be at least 1."));
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            errors.Add(new("Retry.BaseDelay", "Retry.BaseDelay must not be negative."));
        }

        if (MaxDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            errors.Add(new("Retry.MaxDelay", "Retry.MaxDelay must not be negative, and must be at least Retry.BaseDelay."));
        }

        if (Jitter is null)
        {
            errors.Add(new("Retry.Jitter", "Retry.Jitter is required."));
        }
    }
}
