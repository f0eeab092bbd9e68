using System.Text;
using System.Xml;
using Qiwi.Runtime.Serialization;

namespace Qiwi.Runtime.Tests.Serialization;

/// <summary>XML parsed safely (no DTD, no entities, no resolver) and read with the invariant culture.</summary>
public sealed class QiwiXmlTests
{
    [Fact]
    public void Parse_returns_the_root_and_ChildText_the_first_child()
    {
        var root = QiwiXml.Parse(Encoding.UTF8.GetBytes("<response><a>1</a><a>2</a><empty/><name>Тест</name></response>"));

        Assert.Equal("response", root.Name.LocalName);
        Assert.Equal("1", QiwiXml.ChildText(root, "a"));
        Assert.Equal(string.Empty, QiwiXml.ChildText(root, "empty"));
        Assert.Equal("Тест", QiwiXml.ChildText(root, "name"));
        Assert.Null(QiwiXml.ChildText(root, "missing"));
    }

    [Fact]
    public void Parse_accepts_a_declaration_and_a_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><result_code>0</result_code></response>")).ToArray();

        Assert.Equal("0", QiwiXml.ChildText(QiwiXml.Parse(bytes), "result_code"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("<response><result_code>0</result_code>")]
    [InlineData("<a></b>")]
    [InlineData("<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><r>&e;</r>")]
    [InlineData("<!DOCTYPE r SYSTEM \"http://example.invalid/r.dtd\"><r/>")]
    [InlineData("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>")]
    public void Parse_refuses_malformed_xml_and_any_dtd_with_an_XmlException(string xml)
    {
        Assert.Throws<XmlException>(() => QiwiXml.Parse(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void Values_are_read_invariant()
    {
        using var culture = new Infrastructure.CultureScope("ru-RU");

        Assert.Equal(99.95m, QiwiXml.ParseDecimal("99.95"));
        Assert.Equal(5.0m, QiwiXml.ParseDecimal(" 5.0\n"));
        Assert.Equal(341, QiwiXml.ParseInt32(" 341 "));
        Assert.Equal(-9007199254740993L, QiwiXml.ParseInt64("-9007199254740993"));
        Assert.True(QiwiXml.ParseBoolean("True"));
        Assert.False(QiwiXml.ParseBoolean(" 0 "));
        Assert.Throws<FormatException>(() => QiwiXml.ParseDecimal("99,95"));
        Assert.Throws<FormatException>(() => QiwiXml.ParseInt32("3.4"));
        Assert.Throws<FormatException>(() => QiwiXml.ParseBoolean("yes"));
    }
}
