using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Qiwi.Generator;

/// <summary>
/// Printable ASCII and '\n' (nearly all of a spec and of its descriptions), and the letters of other scripts (U+00A0 to
/// U+D7FF but the Unicode line and paragraph separators: a description in Russian), told a <see cref="Vector{T}"/> block at
/// a time: the first pass of the reader's safe-character check and of XmlDoc's normalizing check, which both pass every
/// such character, and each of which tests a doubtful block, and the tail, character by character.
/// </summary>
internal static class PlainBlocks
{
    /// <summary>Characters in one block.</summary>
    public static int Width => Vector<ushort>.Count;

    /// <summary>
    /// The start of the first block at or after <paramref name="from"/> holding a character other than printable ASCII,
    /// '\n' or a letter of another script, or of the tail (less than a block) when there is none; <paramref name="from"/>
    /// itself without vector hardware. A block all ASCII is told by the first test alone.
    /// </summary>
    public static int Skip(ReadOnlySpan<char> text, int from)
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return from;
        }

        var space = new Vector<ushort>(' ');
        var printableRange = new Vector<ushort>('~' - ' ');
        var lineFeed = new Vector<ushort>('\n');
        var all = new Vector<ushort>(ushort.MaxValue);
        var wideStart = new Vector<ushort>('\u00a0');
        var wideRange = new Vector<ushort>('\u2027' - '\u00a0');
        var afterSeparators = new Vector<ushort>('\u202a');
        var afterSeparatorsRange = new Vector<ushort>('\ud7ff' - '\u202a');
        var i = from;
        foreach (var block in MemoryMarshal.Cast<char, Vector<ushort>>(text.Slice(from)))
        {
            // (c - ' ') as unsigned <= '~' - ' ' is ' ' <= c <= '~'.
            var plain = Vector.LessThanOrEqual(block - space, printableRange) | Vector.Equals(block, lineFeed);
            if (!Vector.EqualsAll(plain, all)
                && !Vector.EqualsAll(plain | Vector.LessThanOrEqual(block - wideStart, wideRange) | Vector.LessThanOrEqual(block - afterSeparators, afterSeparatorsRange), all))
            {
                return i;
            }

            i += Vector<ushort>.Count;
        }

        return i;
    }
}
