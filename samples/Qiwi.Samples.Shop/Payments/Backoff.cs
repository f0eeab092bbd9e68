namespace Qiwi.Samples.Shop.Payments;

/// <summary>Exponential backoff with full jitter between checks of the same invoice or refund.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        var floor = Math.Min(first.TotalMilliseconds, ceiling);
        return TimeSpan.FromMilliseconds(floor + (Random.Shared.NextDouble() * (ceiling - floor)));
    }
}
