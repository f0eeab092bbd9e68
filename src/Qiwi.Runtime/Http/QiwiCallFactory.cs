namespace Qiwi.Runtime;

/// <summary>Creates <see cref="QiwiCall{TPayload, TState}"/> with its type arguments inferred (the state is often a tuple).</summary>
public static class QiwiCall
{
    /// <summary>A call whose check and status read take <paramref name="state"/>; pass static lambdas (no closure per call).</summary>
    /// <param name="reader">Reads the JSON or XML envelope.</param>
    /// <param name="state">What <paramref name="check"/> and <paramref name="outcomeRead"/> need: the call's arguments, the client.</param>
    /// <param name="check">Why a success payload is impossible, or null; null for no check.</param>
    /// <param name="outcomeRead">For a write: builds the status read that settles an unknown outcome (only when needed); null for none.</param>
    public static QiwiCall<TPayload, TState> Create<TPayload, TState>(IQiwiResponseReader<TPayload> reader, TState state, Func<TPayload, TState, string?>? check, Func<TState, QiwiOutcomeRead<TPayload>>? outcomeRead = null)
        where TPayload : class
        => new(reader, state, check, outcomeRead);
}
