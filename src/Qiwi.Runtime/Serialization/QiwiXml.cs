using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Qiwi.Runtime.Serialization;

/// <summary>Safe XML parsing and value reads for generated readers.</summary>
public static class QiwiXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The root element of UTF-8 XML; DTDs and external entities are refused.</summary>
    /// <exception cref="XmlException">The XML is malformed.</exception>
    public static XElement Parse(ReadOnlySpan<byte> utf8Xml)
    {
        using var stream = new MemoryStream(utf8Xml.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        return XElement.Load(reader);
    }

    /// <summary>The value of the first child named <paramref name="name"/>, or null.</summary>
    public static string? ChildText(XElement parent, string name) => parent.Element(name)?.Value;

    /// <summary>A decimal with a point separator.</summary>
    public static decimal ParseDecimal(string text) => QiwiFormat.ParseDecimal(text);

    /// <summary>An int.</summary>
    public static int ParseInt32(string text) => int.Parse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>A long.</summary>
    public static long ParseInt64(string text) => long.Parse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary><c>true</c>/<c>false</c> (any case) or 1/0.</summary>
    public static bool ParseBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException($"'{QiwiFormat.Shorten(text)}' is not a boolean."),
    };
}
