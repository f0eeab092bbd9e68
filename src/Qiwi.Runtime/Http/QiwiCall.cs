namespace Qiwi.Runtime;

/// <summary>
/// What generated code tells the pipeline about one call besides the request: how to read the response,
/// what a possible success payload looks like, and how to settle the outcome of a write whose answer was lost.
/// </summary>
/// <typeparam name="TPayload">The payload model.</typeparam>
public sealed class QiwiCall<TPayload>
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

    /// <summary>For a write: the status read that settles an unknown outcome (the spec's <c>x-qiwi-outcome-read</c>).</summary>
    public QiwiOutcomeRead<TPayload>? OutcomeRead { get; init; }
}
