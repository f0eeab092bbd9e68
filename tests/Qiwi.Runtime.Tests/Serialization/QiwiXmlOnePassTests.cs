using System.Text;
using System.Xml;
using System.Xml.Linq;
using Qiwi.Runtime.Serialization;

namespace Qiwi.Runtime.Tests.Serialization;

/// <summary>
/// <see cref="QiwiXml.Parse"/> reads a body once, through a reader that refuses nesting past
/// <see cref="QiwiXml.MaxDepth"/> as it goes. The tree it builds must be the very tree <see cref="XElement.Load(XmlReader)"/>
/// builds from a plain reader with the same settings (namespaces, prefixes, attributes, text, CDATA, entities and
/// whitespace alike), and a body one of them refuses the other refuses too: seeded random documents, and every
/// truncation of some.
/// </summary>
public sealed class QiwiXmlOnePassTests
{
    [Theory]
    [InlineData(20261126)]
    [InlineData(99)]
    public void The_tree_is_the_plain_load_s_for_seeded_documents_and_every_truncation(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var text = Document(random);
            var bytes = Encoding.UTF8.GetBytes(text);
            AssertSame(bytes, text);
            if (i % 30 == 0)
            {
                for (var cut = 0; cut < bytes.Length; cut++)
                {
                    AssertSame(bytes.AsSpan(0, cut).ToArray(), text[..Math.Min(cut, text.Length)]);
                }
            }
        }
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read_and_one_level_more_is_refused_wherever_it_is()
    {
        Assert.Equal(QiwiXml.MaxDepth, Depth(QiwiXml.Parse(Encoding.UTF8.GetBytes(Nested(QiwiXml.MaxDepth, "<x/>")))));
        var refused = Assert.Throws<XmlException>(() => QiwiXml.Parse(Encoding.UTF8.GetBytes(Nested(QiwiXml.MaxDepth, "<x><y/></x>"))));
        Assert.Contains($"more than {QiwiXml.MaxDepth} levels", refused.Message, StringComparison.Ordinal);

        // The too-deep element after a sibling subtree, and inside text and attributes: refused all the same.
        Assert.Throws<XmlException>(() => QiwiXml.Parse(Encoding.UTF8.GetBytes(Nested(QiwiXml.MaxDepth - 1, "<a b='1'>t<c/><d><e/></d></a>"))));
        Assert.Equal(QiwiXml.MaxDepth, Depth(QiwiXml.Parse(Encoding.UTF8.GetBytes(Nested(QiwiXml.MaxDepth - 1, "<a b='1'>t<c/><d/></a>")))));
    }

    private static void AssertSame(byte[] bytes, string shown)
    {
        XElement? expected = null;
        Exception? expectedError = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), QiwiXml.Settings);
            expected = XElement.Load(reader);
        }
        catch (XmlException exception)
        {
            expectedError = exception;
        }

        XElement? actual = null;
        Exception? actualError = null;
        try
        {
            actual = QiwiXml.Parse(bytes);
        }
        catch (XmlException exception)
        {
            actualError = exception;
        }

        Assert.True((expectedError is null) == (actualError is null), $"'{shown}': plain {expectedError?.Message ?? "read"}, QiwiXml {actualError?.Message ?? "read"}");
        if (expected is not null)
        {
            Assert.True(XNode.DeepEquals(expected, actual), $"'{shown}': {expected} against {actual}");
            Assert.Equal(expected.ToString(SaveOptions.DisableFormatting), actual!.ToString(SaveOptions.DisableFormatting));
        }
    }

    private static string Document(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(3) == 0)
        {
            builder.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>").Append(random.Next(2) == 0 ? "\n" : string.Empty);
        }

        if (random.Next(5) == 0)
        {
            builder.Append("<!-- head -->");
        }

        Element(random, builder, random.Next(1, 6), "r");
        if (random.Next(5) == 0)
        {
            builder.Append(random.Next(2) == 0 ? "\n" : "<?pi x?>");
        }

        return builder.ToString();
    }

    private static void Element(Random random, StringBuilder builder, int depth, string? name = null)
    {
        name ??= random.Next(6) switch
        {
            0 => "a",
            1 => "p:b",
            2 => "result_code",
            3 => "q:c",
            4 => "Тест",
            _ => "bill",
        };
        builder.Append('<').Append(name);
        if (name.StartsWith("p:", StringComparison.Ordinal) || random.Next(4) == 0)
        {
            builder.Append(" xmlns:p=\"urn:p\"");
        }

        if (name.StartsWith("q:", StringComparison.Ordinal) || random.Next(5) == 0)
        {
            builder.Append(" xmlns:q='urn:q'");
        }

        if (random.Next(4) == 0)
        {
            builder.Append(" xmlns=\"urn:default\"");
        }

        for (int i = 0, count = random.Next(0, 3); i < count; i++)
        {
            builder.Append(' ').Append(random.Next(3) switch { 0 => "x", 1 => "y", _ => "xml:space" })
                .Append("=\"").Append(random.Next(3) switch { 0 => "preserve", 1 => "1 &amp; 2", _ => "&#x41;&lt;" }).Append('"');
        }

        if (depth == 0 || random.Next(6) == 0)
        {
            builder.Append("/>");
            return;
        }

        builder.Append('>');
        for (int i = 0, count = random.Next(0, 4); i < count; i++)
        {
            switch (random.Next(8))
            {
                case 0: builder.Append("text"); break;
                case 1: builder.Append(" \n\t "); break;
                case 2: builder.Append("<![CDATA[<raw> & ]]>"); break;
                case 3: builder.Append("&amp;&#1058;&#x10400;"); break;
                case 4: builder.Append("<!-- c -->"); break;
                case 5: builder.Append("<?pi data?>"); break;
                default: Element(random, builder, depth - 1); break;
            }
        }

        builder.Append("</").Append(name).Append('>');
    }

    private static string Nested(int depth, string inner)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth - 1; i++)
        {
            builder.Append("<n>");
        }

        builder.Append(inner);
        for (var i = 0; i < depth - 1; i++)
        {
            builder.Append("</n>");
        }

        return builder.ToString();
    }

    private static int Depth(XElement root) => root.DescendantsAndSelf().Max(element => element.Ancestors().Count() + 1);
}
