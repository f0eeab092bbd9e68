namespace Qiwi.Runtime;

/// <summary>The unwrapped body of a response: result code, error description, and the payload on success.</summary>
/// <typeparam name="TPayload">The payload model (a bill, a refund).</typeparam>
/// <param name="ResultCode">The result code; the success code means success.</param>
/// <param name="Description">The error description, when there is one.</param>
/// <param name="Payload">The payload, present on success.</param>
public readonly record struct QiwiEnvelope<TPayload>(int ResultCode, string? Description, TPayload? Payload)
    where TPayload : class;
