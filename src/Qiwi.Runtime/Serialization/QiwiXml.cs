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
    public static string? ChildText(XElement parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return parent.Element(name)?.Value;
    }

    /// <summary>A decimal with a point separator (see <see cref="QiwiFormat.ParseDecimal"/>).</summary>
    /// <exception cref="FormatException">The text is not a decimal number.</exception>
    public static decimal ParseDecimal(string text) => QiwiFormat.ParseDecimal(text);

    /// <summary>An int, invariant; blanks around it are tolerated.</summary>
    /// <exception cref="FormatException">The text is not an integer.</exception>
    /// <exception cref="OverflowException">The integer does not fit.</exception>
    public static int ParseInt32(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return int.Parse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>A long, invariant; blanks around it are tolerated.</summary>
    /// <exception cref="FormatException">The text is not an integer.</exception>
    /// <exception cref="OverflowException">The integer does not fit.</exception>
    public static long ParseInt64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return long.Parse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary><c>true</c>/<c>false</c> (any case) or 1/0; blanks around it are tolerated.</summary>
    /// <exception cref="FormatException">The text is not a boolean.</exception>
    public static bool ParseBoolean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.AsSpan().Trim();
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.SequenceEqual("1"))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.SequenceEqual("0"))
        {
            return false;
        }

        throw new FormatException($"'{QiwiFormat.Shorten(text)}' is not a boolean.");
    }
}
