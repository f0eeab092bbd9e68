using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Model;

/// <summary>
/// x-qiwi-outcome-read of a write: the read operation that settles its outcome when an answer is lost, the
/// read's result codes that mean "not found", and the fields (wire names) the found resource must repeat.
/// </summary>
internal sealed record OutcomeReadModel(
    string OperationId,
    EquatableArray<int> NotFoundCodes,
    EquatableArray<string> Match,
    SourceSpan Span);
