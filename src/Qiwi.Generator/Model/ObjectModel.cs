namespace Qiwi.Generator.Model;

/// <summary>An object schema: an immutable record with JSON, XML and form readers.</summary>
/// <param name="XmlName">The element name in XML (<c>xml.name</c>), or the schema name.</param>
/// <param name="KeepsUnknown">Whether unknown fields are kept (<c>additionalProperties</c> of type string).</param>
internal sealed record ObjectModel(
    string Name,
    string Description,
    string XmlName,
    EquatableArray<PropertyModel> Properties,
    bool KeepsUnknown,
    string HintName,
    string SerializationHintName);
