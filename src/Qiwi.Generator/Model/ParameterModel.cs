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
/// A <see cref="ClientLevel"/> parameter (x-qiwi-client-parameter) is not a method parameter: the client fills it
/// from its options property <see cref="Name"/>, kept in the client's field <see cref="ClientField"/>.
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
    string TextLocalName,
    string? ClientField = null)
{
    public bool ClientLevel => ClientField is not null;

    public bool IsConstant => ConstantValue is not null && Required;

    public bool IsFlag => ConstantValue is not null && !Required;
}
