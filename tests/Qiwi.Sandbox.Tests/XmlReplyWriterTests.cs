using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Qiwi.Sandbox.Api;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// <see cref="XmlReplyWriter"/> writes an XML answer as UTF-8 straight into the reply buffer; it must give the very bytes
/// of the path it replaced (the element written to a string, CR entitized, then encoded as UTF-8). Seeded answers of
/// every kind whose texts mix CR, CR LF, <c>]]&gt;</c>, <c>&amp;</c>, markup, non-ASCII, surrogate pairs and characters
/// XML cannot carry (made carriable first, as the reply does), some long enough to cross the writer's internal buffer
/// (a pair or a multi-byte character split at its edge), written one after another into one reused buffer.
/// </summary>
public sealed class XmlReplyWriterTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "\r", "\n", "\r\n", "\t", "]]>", "]]", "]", ">", "<", "&", "&amp;", "\"", "'", "Я", "ё", "€", "😀", "𝄞", "\u0085", "\u2028",
        "\u00A0", "\uFEFF", "\uFFFD", "\0", "\u0001", "\u001F", "\uD800", "\uDC00", "\uFFFE", "\uFFFF", "<![CDATA[", "-->", "?>",
    ];

    [Theory]
    [InlineData(20261126)]
    [InlineData(16)]
    [InlineData(17)]
    public void The_bytes_are_those_of_the_string_path_it_replaced(int seed)
    {
        var random = new Random(seed);
        var buffer = new ArrayBufferWriter<byte>(256);
        for (var n = 0; n < 1500; n++)
        {
            var element = Answer(random, n);
            XmlCarriedText.CarryAll(element);
            var expected = Encoding.UTF8.GetBytes(StringPath(element));

            buffer.ResetWrittenCount();
            XmlReplyWriter.Write(element, buffer);

            Assert.True(expected.AsSpan().SequenceEqual(buffer.WrittenSpan), $"answer {n} differs:\n{Encoding.UTF8.GetString(expected)}\n---\n{Encoding.UTF8.GetString(buffer.WrittenSpan)}");
        }
    }

    [Fact]
    public void Carriage_returns_are_entitized_and_read_back_as_written()
    {
        var buffer = new ArrayBufferWriter<byte>();
        XmlReplyWriter.Write(new BillResult { ResultCode = ResultCode.Success, Bill = Bill("B\r1", "a\r\nb\rc]]>&😀") }.ToXml(), buffer);
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Contains("a&#xD;\nb&#xD;c]]&gt;&amp;😀", text, StringComparison.Ordinal);
        Assert.Equal("a\r\nb\rc]]>&😀", XElement.Parse(text).Element("bill")!.Element("comment")!.Value);
        Assert.False(buffer.WrittenSpan.StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
    }

    /// <summary>The path replaced: the element written to a string with the reply's settings, then encoded.</summary>
    private static string StringPath(XElement element)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, NewLineHandling = NewLineHandling.Entitize }))
        {
            element.WriteTo(writer);
        }

        return text.ToString();
    }

    private static XElement Answer(Random random, int n) => (n % 3) switch
    {
        0 => new BillResult
        {
            ResultCode = ResultCode.Success,
            Bill = Bill(Text(random), random.Next(5) == 0 ? null : Text(random)),
        }.ToXml(),
        1 => new RefundResult
        {
            ResultCode = ResultCode.Success,
            Refund = new Refund { RefundId = Text(random), Amount = random.Next(1, 100_000) / 100m, Status = RefundStatus.Processing, Error = ResultCode.Success },
        }.ToXml(),
        _ => new ErrorResult { ResultCode = ResultCode.IncorrectData, Description = Text(random) }.ToXml(),
    };

    private static Bill Bill(string billId, string? comment) => new()
    {
        BillId = billId, Amount = 10.5m, Currency = "RUB", Status = BillStatus.Waiting, Error = ResultCode.Success, User = "tel:+79031234567", Comment = comment,
    };

    /// <summary>A text of seeded pieces; one in twenty is long (up to 12,000 pieces) to cross the writer's buffers.</summary>
    private static string Text(Random random)
    {
        var text = new StringBuilder();
        for (int i = 0, count = random.Next(20) == 0 ? random.Next(2_000, 12_000) : random.Next(0, 16); i < count; i++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }
}
