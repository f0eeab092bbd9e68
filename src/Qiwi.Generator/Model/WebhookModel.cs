namespace Qiwi.Generator.Model;

/// <summary>A request QIWI sends to the merchant (x-webhooks): its body model, reply model and signature.</summary>
internal sealed record WebhookModel(
    string OperationId,
    string Name,
    string? Summary,
    string? Description,
    string BodyType,
    string? ReplyType,
    string? ReplyMediaType,
    SignatureModel? Signature,
    string ClassName,
    string HintName);
