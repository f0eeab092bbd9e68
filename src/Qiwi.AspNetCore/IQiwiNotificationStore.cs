namespace Qiwi.AspNetCore;

/// <summary>
/// Remembers which notifications were applied, so that a repeated one (QIWI repeats a notification until it
/// gets result 0, and a reply can be lost) is recognized across restarts and across the nodes that share the
/// store. Implement it over your database; the endpoint uses the one in
/// <see cref="QiwiNotificationOptions.Store"/>, else the one registered in DI, else none.
/// </summary>
/// <remarks>
/// The endpoint asks <see cref="IsAppliedAsync"/> before calling the handler (a known notification is answered
/// with result 0 and the handler is not called) and calls <see cref="MarkAppliedAsync"/> after the handler
/// succeeded. Two copies that arrive at the same moment can both pass the first check, so the handler must still
/// apply its change idempotently (a conditional update, a unique constraint); to record the key in the same
/// transaction as the change, read it from <see cref="IQiwiNotificationFeature"/>.
/// </remarks>
public interface IQiwiNotificationStore
{
    /// <summary>True when the notification with this key was applied before.</summary>
    /// <param name="key">The notification's key (<see cref="QiwiNotificationKey"/>).</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records that the notification was applied; recording a known key again is not an error.</summary>
    /// <param name="key">The notification's key (<see cref="QiwiNotificationKey"/>).</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The notification being handled, as a request feature (<c>context.Features.Get&lt;IQiwiNotificationFeature&gt;()</c>).</summary>
public interface IQiwiNotificationFeature
{
    /// <summary>The notification's key, the one the <see cref="IQiwiNotificationStore"/> is given.</summary>
    string Key { get; }
}

internal sealed record QiwiNotificationFeature(string Key) : IQiwiNotificationFeature;
