namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>What the client told its caller.</summary>
internal enum CallOutcome
{
    /// <summary>The call returned a result.</summary>
    Success,

    /// <summary><see cref="Qiwi.Runtime.QiwiOutcomeUnknownException"/>: it may have taken effect.</summary>
    Unknown,

    /// <summary>Any other runtime exception: the client says it did not take effect.</summary>
    Failed,
}

/// <summary>One call a chaos worker made through the generated client, and how it ended.</summary>
internal sealed record ChaosCall(string Kind, string BillId, string? RefundId, decimal Amount, CallOutcome Outcome, string? Error);
