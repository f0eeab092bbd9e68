namespace Qiwi.Runtime;

/// <summary>
/// A call whose payload check and status read take what they need from the call (its arguments, the client) as
/// <see cref="State"/>: generated code passes static lambdas, so a call allocates this object and nothing else for
/// them, and the status read (with its own delegates) is built only when an attempt's outcome must be settled.
/// </summary>
/// <typeparam name="TPayload">The payload model.</typeparam>
/// <typeparam name="TState">What the check and the status read need (a value or a tuple of values).</typeparam>
public sealed class QiwiCall<TPayload, TState> : QiwiCall<TPayload>
    where TPayload : class
{
    private readonly Func<TPayload, TState, string?>? _check;
    private readonly Func<TState, QiwiOutcomeRead<TPayload>>? _outcomeRead;

    /// <summary>Creates the call description.</summary>
    /// <param name="reader">Reads the JSON or XML envelope.</param>
    /// <param name="state">Passed to <paramref name="check"/> and <paramref name="outcomeRead"/>.</param>
    /// <param name="check">Why a success payload is impossible, or null (see <see cref="QiwiCall{TPayload}.Check"/>); null for no check.</param>
    /// <param name="outcomeRead">For a write: builds the status read that settles an unknown outcome; null for none.</param>
    public QiwiCall(IQiwiResponseReader<TPayload> reader, TState state, Func<TPayload, TState, string?>? check, Func<TState, QiwiOutcomeRead<TPayload>>? outcomeRead = null)
        : base(reader)
    {
        State = state;
        _check = check;
        _outcomeRead = outcomeRead;
    }

    /// <summary>What the check and the status read are given.</summary>
    public TState State { get; }

    internal override string? CheckPayload(TPayload payload) => _check?.Invoke(payload, State);

    internal override bool HasCheck => _check is not null;

    internal override bool HasOutcomeRead => _outcomeRead is not null;

    internal override QiwiOutcomeRead<TPayload>? CreateOutcomeRead() => _outcomeRead?.Invoke(State);
}
