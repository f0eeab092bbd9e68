using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Ledger;
using Qiwi.Sandbox.Notifications;

namespace Qiwi.Sandbox.Control;

/// <summary>
/// Moves the sandbox's clock forward from outside (<c>POST /sandbox/control/clock/advance</c>). Whatever falls due
/// on the way happens at its own moment, in order: invoices expire at their lifetime (or at 45 days) and notification
/// repeats are made at their due times, so advancing 24 hours plays the whole retry schedule.
/// </summary>
internal sealed class TimeTravel(SandboxClock clock, SandboxLedger ledger, NotificationDispatcher dispatcher)
{
    private readonly SemaphoreSlim _travelling = new(1, 1);

    /// <summary>Advances by <paramref name="by"/> (at most 400 days); returns the new time.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        await _travelling.WaitAsync(cancellationToken);
        try
        {
            var target = clock.GetUtcNow() + by;
            await dispatcher.TickAsync(wait: true);
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = Earliest(dispatcher.NextDue(), ledger.NextExpiry());
                if (next is null || next > target)
                {
                    break;
                }

                clock.AdvanceTo(next.Value);
                await dispatcher.TickAsync(wait: true);
            }

            clock.AdvanceTo(target);
            await dispatcher.TickAsync(wait: true);
            return clock.GetUtcNow();
        }
        finally
        {
            _travelling.Release();
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
