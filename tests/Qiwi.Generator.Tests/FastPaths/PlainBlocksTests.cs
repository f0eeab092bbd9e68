namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="PlainBlocks.Skip"/> on its own (its callers, the reader's safe-character check and XmlDoc, have their own
/// differential tests): on seeded random texts of printable ASCII and '\n', or of Cyrillic with ASCII, with characters
/// from the edges of the plain set put at random places (often a block's first or last character), from every start,
/// the result must be the contract's: a whole number of blocks from the start, every character it passes plain, and
/// then either a block holding a character that is not plain or less than a block left.
/// </summary>
public sealed class PlainBlocksTests
{
    // Just outside and inside the plain set, and characters whose one byte is a plain one ('\u0120', '\u7e20').
    private static readonly char[] Edges =
    {
        '\u0000', '\t', '\n', '\r', '\u000b', '\u001f', ' ', '~', '\u007f', '\u0080', '\u00a0', '\u0120', '\u0a0a', '\u207e',
        '\u7e20', '\u7e7e', '\ufeff', '\uffff', '\ud800', '\udfff', 'ж', '\u009f', '\u2027', '\u2028', '\u2029', '\u202a',
        '\ud7ff', '\ue000',
    };

    /// <summary>The contract: printable ASCII, '\n', and U+00A0 to U+D7FF but the line and paragraph separators.</summary>
    private static bool IsPlain(char c) => c is >= ' ' and <= '~' or '\n' or >= '\u00a0' and <= '\u2027' or >= '\u202a' and <= '\ud7ff';

    [Fact]
    public void Skip_passes_whole_blocks_of_plain_characters_and_stops_at_the_first_block_that_is_not()
    {
        Assert.True(System.Numerics.Vector.IsHardwareAccelerated, "no vector hardware: Skip returns its start and this test proves nothing");
        var width = PlainBlocks.Width;
        var random = new Random(16_2611);
        var stoppedAtABlock = 0;
        var ranToTheTail = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var chars = new char[random.Next(0, 6 * width)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = random.Next(10) == 0 ? '\n' : i % 2 == 1 && random.Next(3) != 0 ? (char)random.Next('А', 'я' + 1) : (char)random.Next(' ', '~' + 1);
            }

            for (var edits = random.Next(0, 3); edits > 0 && chars.Length > 0; edits--)
            {
                var at = random.Next(2) == 0
                    ? Math.Min(chars.Length - 1, random.Next(0, 6) * width - random.Next(0, 2))
                    : random.Next(chars.Length);
                chars[Math.Max(0, at)] = Edges[random.Next(Edges.Length)];
            }

            for (var from = 0; from <= chars.Length; from++)
            {
                var stop = PlainBlocks.Skip(chars, from);
                var where = $"case {i}, from {from}, length {chars.Length}: stopped at {stop}";
                Assert.True(stop >= from && stop <= chars.Length && (stop - from) % width == 0, where + ", not a whole number of blocks from the start");
                for (var k = from; k < stop; k++)
                {
                    if (!IsPlain(chars[k]))
                    {
                        Assert.Fail(where + $", passed U+{(int)chars[k]:X4} at {k}");
                    }
                }

                if (chars.Length - stop >= width)
                {
                    var blockHasOther = false;
                    for (var k = stop; k < stop + width; k++)
                    {
                        blockHasOther |= !IsPlain(chars[k]);
                    }

                    Assert.True(blockHasOther, where + ", but that block is all plain");
                    stoppedAtABlock++;
                }
                else
                {
                    ranToTheTail++;
                }
            }
        }

        // Both ends of the contract were reached many times.
        Assert.True(stoppedAtABlock > 2_000 && ranToTheTail > 2_000, $"stopped at a block {stoppedAtABlock}, ran to the tail {ranToTheTail}");
    }

    [Fact]
    public void Every_character_that_is_not_plain_stops_a_block_wherever_it_is_in_it()
    {
        var width = PlainBlocks.Width;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (IsPlain((char)c))
            {
                continue;
            }

            for (var at = 0; at < width; at += Math.Max(1, width / 4 - 1))
            {
                foreach (var filler in new[] { 'a', 'ж' })
                {
                    var text = new string(filler, 3 * width).ToCharArray();
                    text[width + at] = (char)c;
                    Assert.True(PlainBlocks.Skip(text, 0) == width, $"U+{c:X4} at {at} of the second block among '{filler}'");
                }
            }
        }
    }

    [Fact]
    public void Every_plain_character_passes_a_block_of_ascii_or_of_letters_of_another_script()
    {
        var width = PlainBlocks.Width;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (!IsPlain((char)c))
            {
                continue;
            }

            foreach (var filler in new[] { 'a', 'ж', '\u00a0', '\ud7ff' })
            {
                var text = new string(filler, 3 * width).ToCharArray();
                text[width + (c % width)] = (char)c;
                Assert.True(PlainBlocks.Skip(text, 0) == 3 * width, $"U+{c:X4} among '{filler}'");
            }
        }
    }
}
