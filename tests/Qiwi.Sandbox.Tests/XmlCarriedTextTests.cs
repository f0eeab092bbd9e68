using System.Text;
using System.Xml;
using System.Xml.Linq;
using Qiwi.Sandbox.Api;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// What an XML answer carries of a text: <see cref="XmlCarriedText.CanCarry"/> is the spec's D-xmltext pattern (the one
/// the sandbox refuses new text by), and the carried text is the text with U+FFFD in place of each character the pattern
/// refuses, which XML's own writer takes; seeded strings of every UTF-16 code unit class.
/// </summary>
public sealed class XmlCarriedTextTests
{
    private static readonly char[] Units =
    [
        'a', ' ', '~', '\t', '\n', '\r', '\0', '\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\u007F', '\u0085', '\u00A0', 'Я',
        '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFFFD', '\uFFFE', '\uFFFF', '<', '&', ']', '>',
    ];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Carried_text_is_the_patterns_text_with_u_fffd_for_each_refused_character(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            for (int i = 0, length = random.Next(0, 12); i < length; i++)
            {
                text.Append(random.Next(4) == 0 ? "😀" : Units[random.Next(Units.Length)].ToString());
            }

            var value = text.ToString();
            var legal = Contract.QiwiPullPatterns.CreateBillBillId.IsMatch(value);
            Assert.Equal(legal, XmlCarriedText.CanCarry(value));
            var carried = XmlCarriedText.Carried(value);
            Assert.Equal(legal, ReferenceEquals(carried, value));
            Assert.True(Contract.QiwiPullPatterns.CreateBillBillId.IsMatch(carried), FormValueRoundTripTests.Show(carried));
            Assert.Equal(value.Length, carried.Length);
            for (var i = 0; i < value.Length; i++)
            {
                Assert.True(carried[i] == value[i] || carried[i] == XmlCarriedText.Replacement, FormValueRoundTripTests.Show(value));
            }

            var element = new XElement("response", new XElement("comment", value));
            Assert.Equal(!legal, XmlCarriedText.CarryAll(element));
            Assert.Equal(carried, element.Element("comment")!.Value);
            using var writer = XmlWriter.Create(new StringBuilder());
            element.WriteTo(writer);   // the writer takes it (it throws on what the pattern refuses)
        }
    }
}
