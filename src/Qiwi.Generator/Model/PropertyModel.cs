namespace Qiwi.Generator.Model;

/// <summary>A property of a model: wire name, C# name, type, and its rules.</summary>
/// <param name="ConstantValue">Set when the schema allows a single value (a one-value enum).</param>
internal sealed record PropertyModel(
    string WireName,
    string Name,
    TypeRef Type,
    bool Required,
    string? Description,
    Constraints Constraints,
    string? ConstantValue);
