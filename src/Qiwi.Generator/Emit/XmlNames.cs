namespace Qiwi.Generator.Emit;

/// <summary>
/// The XML element names of wire names. A wire name is any string (JSON and forms take any), an XML name is not: the
/// generated readers and writers use <see cref="System.Xml.XmlConvert.EncodeLocalName"/> of it (<c>a b</c> is
/// <c>a_x0020_b</c>, the convention of .NET's XML tools), which leaves a valid name as it is and maps distinct names
/// to distinct ones, so the writer never throws and the reader reads back what the writer wrote.
/// </summary>
internal static class XmlNames
{
    /// <summary>The element name of a property's wire name; null for the empty name, which has none (the property is left out of XML).</summary>
    public static string? Element(string wireName) => wireName.Length == 0 ? null : System.Xml.XmlConvert.EncodeLocalName(wireName);

    /// <summary>The root element name of a model: its <c>xml.name</c> (or schema name) encoded; the schema name when that is empty.</summary>
    public static string Root(string xmlName, string modelName) => Element(xmlName) ?? System.Xml.XmlConvert.EncodeLocalName(modelName);
}
