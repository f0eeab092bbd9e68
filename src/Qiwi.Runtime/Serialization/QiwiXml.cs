using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Qiwi.Runtime.Serialization;

/// <summary>Safe XML parsing and value reads for generated readers.</summary>
public static class QiwiXml
{
    internal static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The most levels of nested elements read, the root's included (as System.Text.Json's default depth for JSON); QIWI's bodies have 3.</summary>
    public const int MaxDepth = 64;

    /// <summary>The root element of UTF-8 XML; DTDs and external entities are refused, and so is nesting deeper than <see cref="MaxDepth"/>.</summary>
    /// <exception cref="XmlException">The XML is malformed or nested too deep.</exception>
    public static XElement Parse(ReadOnlySpan<byte> utf8Xml)
    {
        // The depth is checked as each element is read, before it joins the tree: a 1 MB body of nested elements took
        // a minute to load and read. One pass (before, a scan of the whole body came first, then the load).
        using var stream = new MemoryStream(utf8Xml.ToArray(), writable: false);
        using var reader = new DepthLimitedXmlReader(XmlReader.Create(stream, Settings), MaxDepth);
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
