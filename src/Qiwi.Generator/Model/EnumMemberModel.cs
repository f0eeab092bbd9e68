namespace Qiwi.Generator.Model;

/// <summary>One value of an enum: C# name, wire value, description, and QIWI semantics.</summary>
/// <param name="Fatal">The fatal flag, or null when the spec gives none.</param>
/// <param name="Final">Whether a status is final, or null when the spec gives no final flag.</param>
/// <param name="Role">What a reply code means to a webhook receiver, or null.</param>
internal sealed record EnumMemberModel(string Name, string WireValue, string Description, Fatality? Fatal, bool? Final, ReplyRole? Role = null);
