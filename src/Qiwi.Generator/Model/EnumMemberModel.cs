namespace Qiwi.Generator.Model;

/// <summary>One value of an enum: C# name, wire value, description, and QIWI semantics.</summary>
/// <param name="Fatal">"true", "false", "unknown", or null when the spec gives no fatal flag.</param>
/// <param name="Final">Whether a status is final, or null when the spec gives no final flag.</param>
internal sealed record EnumMemberModel(string Name, string WireValue, string Description, string? Fatal, bool? Final);
