using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Qiwi.Generator;

/// <summary>
/// Printable ASCII and '\n' (nearly all of a spec and of its descriptions), told a <see cref="Vector{T}"/> block at a
/// time: the first pass of the reader's safe-character check and of XmlDoc's normalizing check, each of which tests a
/// doubtful block, and the tail, character by character.
/// </summary>
internal static class PlainBlocks
{
    /// <summary>Characters in one block.</summary>
    public static int Width => Vector<ushort>.Count;

    /// <summary>
    /// The start of the first block at or after <paramref name="from"/> holding a character other than printable ASCII or
    /// '\n', or of the tail (less than a block) when there is none; <paramref name="from"/> itself without vector hardware.
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
        var i = from;
        foreach (var block in MemoryMarshal.Cast<char, Vector<ushort>>(text.Slice(from)))
        {
            // (c - ' ') as unsigned <= '~' - ' ' is ' ' <= c <= '~'.
            var plain = Vector.LessThanOrEqual(block - space, printableRange) | Vector.Equals(block, lineFeed);
            if (!Vector.EqualsAll(plain, all))
            {
                return i;
            }

            i += Vector<ushort>.Count;
        }

        return i;
    }
}
