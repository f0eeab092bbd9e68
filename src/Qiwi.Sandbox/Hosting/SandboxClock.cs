namespace Qiwi.Sandbox.Hosting;

/// <summary>
/// The sandbox's clock: the host's <see cref="TimeProvider"/> (the system clock, or a test's fake one) plus an
/// offset that only grows. <c>POST /sandbox/control/clock/advance</c> moves it forward, so any client can see
/// lifetimes, the 45-day expiry and the notification schedule play out. Timers run on the inner clock.
/// </summary>
public sealed class SandboxClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far the clock has been advanced beyond the inner one.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Sets the advance kept from an earlier run (the data file).</summary>
    internal void Restore(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, Math.Max(offset.Ticks, 0));

    /// <summary>Moves the clock forward to <paramref name="moment"/> (no effect when it is not ahead).</summary>
    public void AdvanceTo(DateTimeOffset moment)
    {
        var by = moment - GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }
}
