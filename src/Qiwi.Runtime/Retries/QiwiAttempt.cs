namespace Qiwi.Runtime;

/// <summary>One attempt of a call that failed: its number, its error, and whether its outcome is known.</summary>
/// <param name="Number">The attempt's number, from 1.</param>
/// <param name="Error">What the attempt ended with.</param>
/// <param name="OutcomeKnown">
/// True when the server's answer says the attempt did not take effect (a fatal or unknown result code);
/// false when it may have (transport failure, timeout, 5xx without a result, a temporary code, a garbled success).
/// </param>
public sealed record QiwiAttempt(int Number, QiwiException Error, bool OutcomeKnown);
