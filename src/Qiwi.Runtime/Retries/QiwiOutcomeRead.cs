namespace Qiwi.Runtime;

/// <summary>
/// How a write's outcome is settled when an attempt's answer was lost: the read of the same resource
/// (from the spec's <c>x-qiwi-outcome-read</c>), the result codes by which that read says "no such
/// resource", and whether what it found is the effect of this write. Generated code builds one per call.
/// </summary>
/// <typeparam name="TPayload">The payload both the write and the read return.</typeparam>
public sealed class QiwiOutcomeRead<TPayload>
    where TPayload : class
{
    /// <summary>Creates the link; what the read finds is judged by the call's own success check (<see cref="QiwiCall{TPayload}.Check"/>), as generated code does.</summary>
    /// <param name="operationId">The read's operationId (for traces and errors).</param>
    /// <param name="read">Reads the resource the write creates or changes.</param>
    /// <param name="notFoundCodes">Result codes of the read that mean the resource does not exist.</param>
    public QiwiOutcomeRead(string operationId, Func<CancellationToken, Task<TPayload>> read, IReadOnlyList<int> notFoundCodes)
    {
        OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
        Read = read ?? throw new ArgumentNullException(nameof(read));
        NotFoundCodes = notFoundCodes ?? throw new ArgumentNullException(nameof(notFoundCodes));
    }

    /// <summary>Creates the link with a judgement of its own, for a call without a success check.</summary>
    /// <param name="operationId">The read's operationId (for traces and errors).</param>
    /// <param name="read">Reads the resource the write creates or changes.</param>
    /// <param name="notFoundCodes">Result codes of the read that mean the resource does not exist.</param>
    /// <param name="tookEffect">
    /// Whether the resource found shows this write's effect (its fields repeat the write's), for a call without a payload
    /// check: a call with one is settled by that check run on the resource found (see <see cref="QiwiCall{TPayload}.Check"/>).
    /// </param>
    public QiwiOutcomeRead(string operationId, Func<CancellationToken, Task<TPayload>> read, IReadOnlyList<int> notFoundCodes, Func<TPayload, bool> tookEffect)
        : this(operationId, read, notFoundCodes)
    {
        TookEffect = tookEffect ?? throw new ArgumentNullException(nameof(tookEffect));
    }

    /// <summary>The read's operationId.</summary>
    public string OperationId { get; }

    /// <summary>Reads the resource.</summary>
    public Func<CancellationToken, Task<TPayload>> Read { get; }

    /// <summary>Result codes of the read that mean "not found".</summary>
    public IReadOnlyList<int> NotFoundCodes { get; }

    /// <summary>Whether the resource found shows this write's effect; null when the call's success check judges it.</summary>
    public Func<TPayload, bool>? TookEffect { get; }

    /// <summary>
    /// Reads the status and says what it shows (by <see cref="TookEffect"/>; <see cref="QiwiOutcome.CannotTell"/> without
    /// one, as nothing here can judge what it finds). Never throws a <see cref="QiwiException"/>: a failed read is
    /// <see cref="QiwiOutcome.CannotTell"/>.
    /// </summary>
    public Task<(QiwiOutcome Outcome, TPayload? Found, QiwiException? Failure)> ResolveAsync(CancellationToken cancellationToken)
        => ResolveAsync(TookEffect, cancellationToken);

    /// <summary>
    /// Reads the status and says what it shows, by <paramref name="tookEffect"/>: the pipeline passes the write's own
    /// success check run on what the read found (<see cref="QiwiCall{TPayload}.Check"/>), so a lost answer and a
    /// received one are judged by the one comparison (an amount by <see cref="Serialization.QiwiPayloadChecks.EchoDecimal"/>).
    /// </summary>
    internal async Task<(QiwiOutcome Outcome, TPayload? Found, QiwiException? Failure)> ResolveAsync(Func<TPayload, bool>? tookEffect, CancellationToken cancellationToken)
    {
        if (tookEffect is null)
        {
            return (QiwiOutcome.CannotTell, null, null);
        }

        try
        {
            var found = await Read(cancellationToken).ConfigureAwait(false);
            return tookEffect(found) ? (QiwiOutcome.TookEffect, found, null) : (QiwiOutcome.NotTakenEffect, null, null);
        }
        catch (QiwiApiException notFound) when (NotFoundCodes.Contains(notFound.ResultCode))
        {
            return (QiwiOutcome.NotTakenEffect, null, null);
        }
        catch (QiwiException failure)
        {
            return (QiwiOutcome.CannotTell, null, failure);
        }
    }
}
