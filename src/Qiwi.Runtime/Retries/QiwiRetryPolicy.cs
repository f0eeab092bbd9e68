using System.Diagnostics;

namespace Qiwi.Runtime;

/// <summary>
/// The attempts of one call, between the per-call and the per-retry policies. Records every failed
/// attempt and whether its outcome is known; repeats idempotent requests when repeating may help; before
/// re-sending any other write whose outcome is unknown, reads its status (found: that is the result; not
/// found: re-sending is safe; cannot tell: <see cref="QiwiOutcomeUnknownException"/>). A write that ends in
/// failure after an attempt of unknown outcome is settled by the same read, never reported as a plain failure. What the
/// read found is the write's effect when the write's own success check passes on it (<see cref="QiwiCall{TPayload}.TookEffect"/>).
/// </summary>
internal sealed class QiwiRetryPolicy(QiwiClientOptions options, QiwiTransport transport, QiwiResponseInterpreter interpreter)
{
    public async Task<TPayload> SendAsync<TPayload>(QiwiCallContext context, QiwiCall<TPayload> call)
        where TPayload : class
    {
        var request = context.Request;
        var cancellationToken = context.CancellationToken;
        var hasOutcomeRead = request.IsWrite && call.HasOutcomeRead;
        QiwiOutcomeRead<TPayload>? outcomeRead = null; // built once an attempt's outcome must be settled
        List<QiwiAttempt>? attempts = null; // only once an attempt fails
        for (var number = 1; ; number++)
        {
            QiwiException error;
            try
            {
                context.AttemptCount = number;
                var response = await transport.SendAsync(request, number, cancellationToken).ConfigureAwait(false);
                return interpreter.Interpret(request, call, response);
            }
            catch (QiwiException exception)
            {
                error = exception;
            }

            var known = QiwiRetryRules.IsOutcomeKnown(error);
            (attempts ??= new List<QiwiAttempt>()).Add(new QiwiAttempt(number, error, known));
            var repeatable = request.Idempotent || hasOutcomeRead;
            if (number >= options.Retry.MaxAttempts || !repeatable || !QiwiRetryRules.MayHelp(error) || cancellationToken.IsCancellationRequested)
            {
                return await FinishAsync(request, call, hasOutcomeRead ? outcomeRead ?? call.CreateOutcomeRead() : null, attempts, cancellationToken).ConfigureAwait(false);
            }

            var delay = options.Retry.DelayBefore(number);
            Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["qiwi.attempt"] = number, ["qiwi.delay_ms"] = delay.TotalMilliseconds, ["exception.type"] = error.GetType().Name, ["qiwi.outcome_known"] = known }));
            await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            if (!request.Idempotent && !known)
            {
                // Not promised idempotent: never re-sent blindly. Read first.
                outcomeRead ??= call.CreateOutcomeRead()!;
                var (outcome, found, failure) = await outcomeRead.ResolveAsync(call.TookEffect(outcomeRead), cancellationToken).ConfigureAwait(false);
                if (outcome == QiwiOutcome.TookEffect)
                {
                    return found!;
                }

                if (outcome == QiwiOutcome.CannotTell)
                {
                    throw new QiwiOutcomeUnknownException(request.OperationId, attempts, failure);
                }
            }
        }
    }

    /// <summary>
    /// The call failed. A read, or a write whose every attempt was answered, fails with its last error. A
    /// write with an attempt of unknown outcome is settled by its status read: done (the result), not done
    /// (the last error: nothing happened), or unknown (<see cref="QiwiOutcomeUnknownException"/>).
    /// </summary>
    private static async Task<TPayload> FinishAsync<TPayload>(QiwiRequest request, QiwiCall<TPayload> call, QiwiOutcomeRead<TPayload>? outcomeRead, List<QiwiAttempt> attempts, CancellationToken cancellationToken)
        where TPayload : class
    {
        var last = attempts[^1].Error;
        if (!request.IsWrite || attempts.TrueForAll(static a => a.OutcomeKnown))
        {
            throw last;
        }

        if (outcomeRead is null)
        {
            throw new QiwiOutcomeUnknownException(request.OperationId, attempts, null);
        }

        var (outcome, found, failure) = await outcomeRead.ResolveAsync(call.TookEffect(outcomeRead), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            QiwiOutcome.TookEffect => found!,
            QiwiOutcome.NotTakenEffect => throw last,
            _ => throw new QiwiOutcomeUnknownException(request.OperationId, attempts, failure),
        };
    }
}
