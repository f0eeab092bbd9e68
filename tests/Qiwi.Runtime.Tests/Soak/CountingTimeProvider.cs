namespace Qiwi.Runtime.Tests.Soak;

/// <summary>
/// The system clock with every timer's due time and period divided by <paramref name="divisor"/> (so a soak's timeouts and
/// retry delays pass in a thousandth of their time), counting the timers made and those not yet disposed.
/// </summary>
internal sealed class CountingTimeProvider(long divisor) : TimeProvider
{
    public LiveCount Timers { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Timers.Add();
        return new CountedTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);
    }

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks(span.Ticks / divisor);

    private sealed class CountedTimer(ITimer inner, CountingTimeProvider owner) : ITimer
    {
        private DisposedOnce _once;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose()
        {
            _once.Dispose(owner.Timers);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
