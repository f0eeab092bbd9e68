namespace Qiwi.Runtime;

/// <summary>
/// The reply codes of a webhook by meaning (from the spec's <c>x-qiwi-enum</c> roles): what to answer when the
/// request was handled, was malformed, failed authorization, or could not be handled now.
/// </summary>
/// <param name="Success">Handled; the sender stops.</param>
/// <param name="InvalidRequest">The request's parameters are malformed.</param>
/// <param name="BadPassword">Basic authorization failed.</param>
/// <param name="BadSignature">Signature authorization failed.</param>
/// <param name="Failure">The handler failed; the sender should repeat later.</param>
public sealed record QiwiWebhookReplyCodes(int Success, int InvalidRequest, int BadPassword, int BadSignature, int Failure);
