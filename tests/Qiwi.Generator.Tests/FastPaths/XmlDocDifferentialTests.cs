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

    // The edges of the printable ASCII blocks the vector test passes at once: just outside and inside, the line breaks
    // and whitespace that normalizing keeps or changes, C1 controls, Unicode line breaks, surrogates.
    private static readonly char[] Edges =
    {
        '\u0000', '\t', '\n', '\r', '\u000b', '\u001f', ' ', '~', '\u007f', '\u0080', '\u0085', '\u009f', '\u00a0', 'ж',
        '\u2027', '\u2028', '\u2029', '\u202a', '\ud7ff', '\ufeff', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000',
        '\u0120', '\u207e', '\u7e20',
    };

    [Fact]
    public void Printable_text_with_edge_characters_needs_normalizing_as_the_reference_says()
    {
        // NeedsNormalizing passes blocks of Vector<ushort>.Count characters at once (every other case is mostly Cyrillic,
        // which passes so too); the edits fall often on a block's first or last character (blocks of 8, 16 or 32), and
        // the text lies at the buffer's start with junk after it.
        var random = new Random(1604);
        var needing = 0;
        const int cases = 60_000;
        for (var i = 0; i < cases; i++)
        {
            var length = random.Next(0, 140);
            var chars = new char[length + random.Next(0, 40)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = k >= length ? Edges[random.Next(Edges.Length)] : random.Next(12) == 0 ? '\n' : i % 2 == 1 && random.Next(3) != 0 ? (char)random.Next('\u0400', '\u0500') : (char)random.Next(' ', '~' + 1);
            }

            for (var edits = random.Next(0, 3); edits > 0 && length > 0; edits--)
            {
                var at = random.Next(3) switch
                {
                    0 => Math.Min(length - 1, random.Next(0, 5) * (8 << random.Next(3))),
                    1 => Math.Min(length - 1, (random.Next(1, 5) * (8 << random.Next(3))) - 1),
                    _ => random.Next(length),
                };
                chars[at] = Edges[random.Next(Edges.Length)];
            }

            var expected = XmlDoc.NeedsNormalizingSimple(chars, length);
            needing += expected ? 1 : 0;
            Assert.True(expected == XmlDoc.NeedsNormalizing(chars, length), "case " + i + ": " + Show(new string(chars, 0, length)));
        }

        Assert.True(needing > cases / 10 && needing < cases * 9 / 10, needing + " of " + cases + " texts needed normalizing: the comparison would prove little");
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
