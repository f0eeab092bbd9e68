namespace Qiwi.AspNetCore;

/// <summary>
/// Remembers which notifications were applied, so that a repeated one (QIWI repeats a notification until it
/// gets result 0, and a reply can be lost) is recognized across restarts and across the nodes that share the
/// store. Implement it over your database; the endpoint uses the one in
/// <see cref="QiwiNotificationOptions.Store"/>, else the one registered in DI, else none.
/// </summary>
/// <remarks>
/// <para>
/// The endpoint asks <see cref="IsAppliedAsync"/> before calling the handler (a known notification is answered
/// with result 0 and the handler is not called) and calls <see cref="MarkAppliedAsync"/> after the handler
/// succeeded.
/// </para>
/// <para>
/// One node is safe by itself: in one process, the copies of one notification reaching an endpoint go through one
/// at a time. A copy that arrives while another is being handled waits for it (and leaves if its request is
/// aborted), then asks this store, finds the key marked and is answered result 0 without the handler. When the
/// first copy failed (the handler, this store, or its request aborted), the next one runs the handler, as a repeat
/// would. Copies of other notifications never wait.
/// </para>
/// <para>
/// Several nodes sharing this store are not: that gate is in each process's memory, so two copies reaching two
/// nodes at the same moment can both pass the first check and both call the handler. There the handler must still
/// apply its change conditionally (a conditional update, a unique constraint on the key). On any number of nodes,
/// a change made but not recorded (the handler failing after its change, <see cref="MarkAppliedAsync"/> failing,
/// the process stopping in between) is made again by the repeat unless the handler records the key in the same
/// transaction as its change: read it from <see cref="IQiwiNotificationFeature"/>.
/// </para>
/// <para>
/// A call that does not return. The endpoint waits for <see cref="IsAppliedAsync"/> only as long as the request lives:
/// when QIWI gives up (the request is aborted) the copy leaves without calling the handler, nothing applied, and lets
/// the next copy in, which asks again. A store that ignores the token keeps that call running; its answer is then
/// ignored (logged as a warning). The endpoint waits for the handler and for <see cref="MarkAppliedAsync"/> to the
/// end, however long, holding the gate: the change may be made and not yet recorded, and a copy let in then would make
/// it again. So a handler or a <see cref="MarkAppliedAsync"/> that never returns holds its notification in this process
/// for good: its request stays open, and its repeats wait and leave when QIWI gives up, never answered 0 and never
/// reaching the handler. Give your calls their own timeouts (a command timeout): a call that fails is answered 300 and
/// the notification repeated, as above.
/// </para>
/// </remarks>
public interface IQiwiNotificationStore
{
    /// <summary>True when the notification with this key was applied before. Only a question: it must change nothing.</summary>
    /// <param name="key">The notification's key (<see cref="QiwiNotificationKey"/>).</param>
    /// <param name="cancellationToken">
    /// The request's cancellation: when QIWI gives up, the endpoint stops waiting for the answer whether or not the
    /// store honours it.
    /// </param>
    ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records that the notification was applied; recording a known key again is not an error.</summary>
    /// <param name="key">The notification's key (<see cref="QiwiNotificationKey"/>).</param>
    /// <param name="cancellationToken">
    /// <see cref="CancellationToken.None"/>: the handler's change is made, so it is recorded even when QIWI has
    /// stopped waiting for the reply (else its repeat would run the handler again). The endpoint waits for this call
    /// however long it takes, with the notification's copies held back: bound it yourself.
    /// </param>
    ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The notification being handled, as a request feature (<c>context.Features.Get&lt;IQiwiNotificationFeature&gt;()</c>).</summary>
public interface IQiwiNotificationFeature
{
    /// <summary>The notification's key, the one the <see cref="IQiwiNotificationStore"/> is given.</summary>
    string Key { get; }
}

internal sealed record QiwiNotificationFeature(string Key) : IQiwiNotificationFeature;
