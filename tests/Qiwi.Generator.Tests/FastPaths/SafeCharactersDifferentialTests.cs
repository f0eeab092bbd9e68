using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="FastYamlReader.OnlySafeCharacters"/> (blocks of printable ASCII and '\n', or of letters of another
/// script, passed a vector at a time) against the character-by-character reference
/// <see cref="FastYamlReader.OnlySafeCharactersSimple"/>: on seeded random texts of printable ASCII (every other case
/// mostly Cyrillic) of every length around the vector widths with one or two characters from the edges of the safe set
/// put at random places (the first and last of a block, a '\r' at a block's end before or without its '\n'), on
/// <see cref="RandomText"/>, and on the spec and every prefix of its first lines.
/// </summary>
public sealed class SafeCharactersDifferentialTests
{
    // The edges: just outside and inside printable ASCII, line breaks, a byte order mark, non-characters, surrogates.
    private static readonly char[] Edges =
    {
        '\u0000', '\t', '\n', '\r', '\u001f', ' ', '~', '\u007f', '\u0080', '\u009f', '\u00a0', 'ж', '\u2028', '\u2029',
        '\u2027', '\u202a', '\ud7ff', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\u0120', '\u207e', '\u7e20',
    };

    [Fact]
    public void Printable_text_with_edge_characters_is_judged_as_the_reference_judges_it()
    {
        var random = new Random(4711);
        var unsafeSeen = 0;
        const int cases = 60_000;
        for (var i = 0; i < cases; i++)
        {
            var chars = new char[random.Next(0, 140)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = random.Next(12) == 0 ? '\n' : i % 2 == 1 && random.Next(3) != 0 ? (char)random.Next('\u0400', '\u0500') : (char)random.Next(' ', '~' + 1);
            }

            for (var edits = random.Next(0, 3); edits > 0 && chars.Length > 0; edits--)
            {
                // Often at a block's first or last character (blocks of 8, 16 or 32 characters), else anywhere.
                var at = random.Next(3) switch
                {
                    0 => Math.Min(chars.Length - 1, random.Next(0, 5) * (8 << random.Next(3))),
                    1 => Math.Min(chars.Length - 1, (random.Next(1, 5) * (8 << random.Next(3))) - 1),
                    _ => random.Next(chars.Length),
                };
                chars[at] = Edges[random.Next(Edges.Length)];
                if (chars[at] == '\r' && at + 1 < chars.Length && random.Next(2) == 0)
                {
                    chars[at + 1] = '\n';
                }
            }

            var text = new string(chars);
            var expected = FastYamlReader.OnlySafeCharactersSimple(text);
            unsafeSeen += expected ? 0 : 1;
            Assert.True(expected == FastYamlReader.OnlySafeCharacters(text), "case " + i + ": " + Escape(text));
        }

        Assert.True(unsafeSeen > cases / 10 && unsafeSeen < cases * 9 / 10, unsafeSeen + " of " + cases + " texts were unsafe: the comparison would prove little");
    }

    [Fact]
    public void Random_text_and_the_spec_are_judged_as_the_reference_judges_them()
    {
        var random = new Random(1701);
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomText.Next(random, 40);
            Assert.True(FastYamlReader.OnlySafeCharactersSimple(text) == FastYamlReader.OnlySafeCharacters(text), "case " + i + ": " + Escape(text));
        }

        var spec = File.ReadAllText(Infrastructure.RepositoryPaths.Spec);
        Assert.True(FastYamlReader.OnlySafeCharacters(spec));
        var crlf = spec.Replace("\n", "\r\n", StringComparison.Ordinal);
        for (var length = 0; length < 3000; length++)
        {
            Assert.True(FastYamlReader.OnlySafeCharactersSimple(crlf.Substring(0, length)) == FastYamlReader.OnlySafeCharacters(crlf.Substring(0, length)), "CRLF prefix " + length);
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : "\\u" + ((int)c).ToString("x4")));
}
