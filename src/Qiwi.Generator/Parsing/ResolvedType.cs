using Qiwi.Generator.Model;

namespace Qiwi.Generator.Parsing;

/// <summary>What a property's or parameter's schema resolves to, before it gets its owner's name (a value: one per property and parameter, never kept).</summary>
internal readonly record struct ResolvedType(TypeRef Type, Constraints Constraints, string? Description, string? ConstantValue, string? CSharpName);
