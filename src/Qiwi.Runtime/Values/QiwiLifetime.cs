namespace Qiwi.Runtime;

/// <summary>
/// An invoice's lifetime as the service treats it. The docs say QIWI expires an invoice automatically a fixed
/// number of days after it is issued (the spec's <c>x-qiwi-datetime.expiresAfterDays</c>: 45 for an invoice created
/// through the API, 28 for the web form) and that an invoice unpaid by its lifetime becomes void; they never say
/// that a later or a past lifetime is refused. So the generated client sends any lifetime, and these helpers are
/// the caller's opt-in: know when the invoice will really expire, or refuse what the service would cut short.
/// </summary>
public static class QiwiLifetime
{
    /// <summary>
    /// When an invoice issued at <paramref name="issuedAt"/> with <paramref name="lifetime"/> stops being payable:
    /// the earlier of its lifetime and the service's automatic expiry <paramref name="expiresAfterDays"/> days after
    /// issue.
    /// </summary>
    public static DateTimeOffset EffectiveExpiry(DateTimeOffset lifetime, DateTimeOffset issuedAt, int expiresAfterDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expiresAfterDays);
        // Issued within that many days of 9999-12-31: the automatic expiry is the last instant and cuts nothing.
        var automatic = DaysAfter.Of(issuedAt, expiresAfterDays);
        return lifetime < automatic ? lifetime : automatic;
    }

    /// <summary>
    /// The opt-in strict check: throws <see cref="ArgumentOutOfRangeException"/> (naming <paramref name="paramName"/>)
    /// when <paramref name="lifetime"/> is in the past, or further ahead than <paramref name="expiresAfterDays"/>
    /// days, on <paramref name="timeProvider"/>'s clock. The service itself refuses neither (it expires the invoice
    /// early or at once); call this before creating the invoice when such a lifetime is a bug in your code.
    /// </summary>
    public static void EnsureWithin(DateTimeOffset lifetime, int expiresAfterDays, TimeProvider timeProvider, string paramName = "lifetime")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expiresAfterDays);
        QiwiGuard.DateTimeWindow(lifetime, paramName, timeProvider, expiresAfterDays, allowPast: false);
    }
}
