namespace Qiwi.Generator.Model;

/// <summary>One value of an enum: C# name, wire value, description, and QIWI semantics.</summary>
/// <param name="Fatal">"true", "false", "unknown", or null when the spec gives no fatal flag.</param>
/// <param name="Final">Whether a status is final, or null when the spec gives no final flag.</param>
/// <param name="Role">What a reply code means to a webhook receiver (success, invalid-request, bad-password, bad-signature, failure), or null.</param>
internal sealed record EnumMemberModel(string Name, string WireValue, string Description, string? Fatal, bool? Final, string? Role = null);
