namespace Qiwi.Generator.Model;

/// <summary>Where a parameter travels.</summary>
internal enum ParameterLocation
{
    Path,
    Query,
    Header,
    Form,
}

/// <summary>
/// A parameter of an operation (path, query, header, or a field of a form body).
/// A required one-value parameter is a constant the code sends by itself; an optional one-value
/// parameter is a flag (<see cref="IsFlag"/>) that sends its value when true. <see cref="ParameterName"/> is
/// its C# parameter name (camelCase, keyword-escaped); <see cref="TextLocalName"/> the local a redirect parser reads it into.
/// </summary>
internal sealed record ParameterModel(
    string WireName,
    string Name,
    ParameterLocation Location,
    TypeRef Type,
    bool Required,
    string? Description,
    Constraints Constraints,
    string? ConstantValue,
    string ParameterName,
    string TextLocalName)
{
    public bool IsConstant => ConstantValue is not null && Required;

    public bool IsFlag => ConstantValue is not null && !Required;
}
