using System.Text;
using Qiwi.Generator.Emit;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The one-pass <see cref="XmlDoc"/> (it copies the text, a string or a builder, into a buffer, normalizes it there, writes
/// a line on its tag's line and takes it back when it is too long, and writes ranges of the buffer straight into the file) against its simple reference, on
/// seeded random text, at several depths of indentation: the same written comments.
/// </summary>
public sealed class XmlDocDifferentialTests
{
    private const int Cases = 20_000;

    [Fact]
    public void Written_summaries_and_remarks_of_short_or_missing_texts_match_the_reference()
    {
        var random = new Random(1601);
        for (var i = 0; i < Cases; i++)
        {
            var text = i % 50 == 0 ? null : RandomText.Next(random);
            var (fast, reference) = Writers(i % 3);
            if (text is not null && i % 2 == 1)
            {
                // The same text given as an emitter's builder.
                XmlDoc.Summary(fast, new StringBuilder(text));
                XmlDoc.Remarks(fast, new StringBuilder(text));
            }
            else
            {
                XmlDoc.Summary(fast, text);
                XmlDoc.Remarks(fast, text);
            }

            ReferenceXmlDoc.Summary(reference, text);
            ReferenceXmlDoc.Element(reference, "remarks", text);
            Assert.True(reference.ToString() == fast.ToString(), "case " + i + ": " + Show(text));
        }
    }

    [Fact]
    public void Written_summaries_params_and_elements_match_the_reference()
    {
        var random = new Random(1602);
        string[] names = { "value", "@class", "@@x", "a", "@" };
        for (var i = 0; i < Cases; i++)
        {
            // Long texts too, so that both the one-line and the block forms are written.
            var text = RandomText.Next(random, i % 4 == 0 ? 120 : 24);
            if (i % 4 == 1)
            {
                // One line around the length where the one-line form ends.
                text = OneLine(text + RandomText.Next(random, 60));
            }

            var name = names[random.Next(names.Length)];
            var attributes = i % 3 == 0 ? " cref=\"global::System.FormatException\"" : string.Empty;
            var (fast, reference) = Writers(i / 2 % 3);
            if (i % 2 == 1)
            {
                XmlDoc.Summary(fast, new StringBuilder(text));
                XmlDoc.Param(fast, name, new StringBuilder(text));
                XmlDoc.Element(fast, "returns", new StringBuilder(text), attributes);
            }
            else
            {
                XmlDoc.Summary(fast, text);
                XmlDoc.Param(fast, name, text);
                XmlDoc.Element(fast, "returns", text, attributes);
            }

            ReferenceXmlDoc.Summary(reference, text);
            ReferenceXmlDoc.Param(reference, name, text);
            ReferenceXmlDoc.Element(reference, "returns", text, attributes);
            Assert.True(reference.ToString() == fast.ToString(), "case " + i + ": " + Show(text));
        }
    }

    [Fact]
    public void A_huge_text_then_small_ones_match_the_reference()
    {
        // Past the size whose buffers the thread keeps: they are dropped, and the next texts get new ones.
        var random = new Random(1603);
        var huge = string.Concat(Enumerable.Range(0, 8_000).Select(_ => RandomText.Next(random, 12)));
        foreach (var text in new[] { huge, RandomText.Next(random), huge + "\u2028" + huge, RandomText.Next(random, 120) })
        {
            var fast = new CodeWriter("N");
            var reference = new CodeWriter("N");
            XmlDoc.Summary(fast, text);
            XmlDoc.Param(fast, "value", new StringBuilder(text));
            ReferenceXmlDoc.Summary(reference, text);
            ReferenceXmlDoc.Param(reference, "value", text);
            Assert.True(reference.ToString() == fast.ToString(), "text of " + text.Length + " characters");
        }
    }

    /// <summary>A fast and a reference writer, both inside <paramref name="depth"/> levels of indentation (as in a nested type's member).</summary>
    private static (CodeWriter Fast, CodeWriter Reference) Writers(int depth)
    {
        var fast = new CodeWriter("N");
        var reference = new CodeWriter("N");
        for (var level = 0; level < depth; level++)
        {
            fast.Indent();
            reference.Indent();
        }

        return (fast, reference);
    }

    private static string OneLine(string text)
        => string.Concat(text.Select(c => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c));

    private static string Show(string? text)
        => text is null ? "null" : string.Concat(text.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : "\\u" + ((int)c).ToString("x4")));
}
