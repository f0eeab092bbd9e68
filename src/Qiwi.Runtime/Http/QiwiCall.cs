namespace Qiwi.Runtime;

/// <summary>
/// What generated code tells the pipeline about one call besides the request: how to read the response,
/// what a possible success payload looks like, and how to settle the outcome of a write whose answer was lost.
/// </summary>
/// <typeparam name="TPayload">The payload model.</typeparam>
/// <remarks>
/// Generated code whose check or status read needs the call's arguments uses <see cref="QiwiCall{TPayload, TState}"/>,
/// whose static lambdas take them as a state argument: no closure per call. Only the runtime's own types derive
/// from this one (what the pipeline calls on it is internal).
/// </remarks>
public class QiwiCall<TPayload>
    where TPayload : class
{
    /// <summary>Creates the call description.</summary>
    public QiwiCall(IQiwiResponseReader<TPayload> reader)
    {
        Reader = reader ?? throw new ArgumentNullException(nameof(reader));
    }

    /// <summary>Reads the JSON or XML envelope.</summary>
    public IQiwiResponseReader<TPayload> Reader { get; }

    /// <summary>
    /// Checks a success payload against what the request asked for and the spec allows; returns why it is
    /// impossible (the call then fails with a <see cref="QiwiProtocolException"/>), or null.
    /// </summary>
    public Func<TPayload, string?>? Check { get; init; }

    /// <summary>
    /// For a write: the status read that settles an unknown outcome (the spec's <c>x-qiwi-outcome-read</c>); what it finds
    /// is the write's effect when <see cref="Check"/> passes on it (its own <c>tookEffect</c> is used only without a check).
    /// </summary>
    public QiwiOutcomeRead<TPayload>? OutcomeRead { get; init; }

    /// <summary>Why the success payload is impossible, or null.</summary>
    internal virtual string? CheckPayload(TPayload payload) => Check?.Invoke(payload);

    /// <summary>Whether the call checks a success payload (<see cref="Check"/>, or the state's check).</summary>
    internal virtual bool HasCheck => Check is not null;

    /// <summary>
    /// Whether what the status read found is this write's effect: the write's own success check passes on it when the
    /// call has one (a generated check compares each <c>x-qiwi-outcome-read</c> match field, an amount by value with
    /// <see cref="Serialization.QiwiPayloadChecks.EchoDecimal"/>), so the answer the write lost is judged as the answer it
    /// would have got; the read's <see cref="QiwiOutcomeRead{TPayload}.TookEffect"/> only for a call without a check, and
    /// null (the outcome stays unknown) for a call with neither.
    /// </summary>
    internal Func<TPayload, bool>? TookEffect(QiwiOutcomeRead<TPayload> read)
        => HasCheck ? found => CheckPayload(found) is null : read.TookEffect;

    /// <summary>Whether the call has a status read (without building it).</summary>
    internal virtual bool HasOutcomeRead => OutcomeRead is not null;

    /// <summary>The status read; built only when an attempt's outcome must be settled.</summary>
    internal virtual QiwiOutcomeRead<TPayload>? CreateOutcomeRead() => OutcomeRead;
}
