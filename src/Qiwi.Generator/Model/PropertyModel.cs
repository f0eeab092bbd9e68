namespace Qiwi.Generator.Model;

/// <summary>A property of a model: wire name, C# name, type, and its rules.</summary>
/// <param name="ConstantValue">Set when the schema allows a single value (a one-value enum).</param>
/// <param name="LocalName">The local readers declare for it.</param>
/// <param name="WireValueName">For a string enum: the property keeping the raw wire value; else null.</param>
/// <param name="WireLocalName">For a string enum: the local holding the raw wire text; else null.</param>
internal sealed record PropertyModel(
    string WireName,
    string Name,
    TypeRef Type,
    bool Required,
    string? Description,
    Constraints Constraints,
    string? ConstantValue,
    string LocalName,
    string? WireValueName,
    string? WireLocalName);
