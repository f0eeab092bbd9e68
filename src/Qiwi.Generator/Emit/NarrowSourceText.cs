using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Emit;

/// <summary>
/// A generated file held as one byte per character: ASCII characters as themselves, and each other character (a
/// Cyrillic letter of a description, say) as a marker byte, with the character and its position kept aside. That is
/// half the memory of the string the driver would otherwise make and keep for as long as the build or the IDE holds its
/// run, and less as long as at most one character in six is not ASCII (a byte, and six aside: a position and the
/// character, against two in a string); a file with more goes to the driver as a string.
/// It is the same text as <c>SourceText.From(text, Encoding.UTF8)</c>, what <c>AddSource(string, string)</c> makes: the
/// same characters, encoding and checksum algorithm, hence the same checksum in the PDB (<c>NarrowSourceTextDifferentialTests</c>
/// compares them).
/// </summary>
internal sealed class NarrowSourceText : SourceText
{
    /// <summary>The byte of a character kept aside (no ASCII character has it).</summary>
    private const byte Marker = 0x80;

    /// <summary>At most one character in this many kept aside; with more, a string is smaller.</summary>
    private const int AsideShare = 6;

    private readonly byte[] _bytes;
    private readonly int[] _asidePositions;
    private readonly char[] _asideChars;

    private NarrowSourceText(byte[] bytes, int[] asidePositions, char[] asideChars)
        : base(checksumAlgorithm: SourceHashAlgorithm.Sha1)
    {
        _bytes = bytes;
        _asidePositions = asidePositions;
        _asideChars = asideChars;
    }

    /// <summary>The characters kept aside (for tests and benchmarks: zero for a file all ASCII).</summary>
    internal int AsideCount => _asidePositions.Length;

    /// <summary>
    /// The first <paramref name="length"/> characters narrowed, or null when more than one in <see cref="AsideShare"/> is
    /// not ASCII. One pass, a <see cref="Vector{T}"/> block at a time, for a file all ASCII; at the first block that is
    /// not, the characters to keep aside from there on are counted (a block at a time), and a file with too many is
    /// given up at once, its bytes unused; the blocks that are not all ASCII are then narrowed character by character.
    /// <see cref="NarrowSimple"/> is the reference.
    /// </summary>
    public static NarrowSourceText? TryNarrow(char[] chars, int length)
    {
        var bytes = new byte[length];
        var aside = default(Aside);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<ushort>.Count;
            var ascii = new Vector<ushort>(0x7F);
            var source = MemoryMarshal.Cast<char, ushort>(new ReadOnlySpan<char>(chars, 0, length));
            var target = new Span<byte>(bytes);
            for (; i <= length - 2 * width; i += 2 * width)
            {
                var low = MemoryMarshal.Cast<ushort, Vector<ushort>>(source.Slice(i, width))[0];
                var high = MemoryMarshal.Cast<ushort, Vector<ushort>>(source.Slice(i + width, width))[0];
                if (Vector.GreaterThanAny(low | high, ascii))
                {
                    if (aside.Positions is null && !aside.Start(chars, i, length))
                    {
                        return null;
                    }

                    aside.Narrow(chars, i, i + 2 * width, bytes);
                    continue;
                }

                MemoryMarshal.Cast<byte, Vector<byte>>(target.Slice(i, 2 * width))[0] = Vector.Narrow(low, high);
            }
        }

        for (var tail = i; tail < length; tail++)
        {
            if (chars[tail] >= Marker && aside.Positions is null && !aside.Start(chars, tail, length))
            {
                return null;
            }
        }

        aside.Narrow(chars, i, length, bytes);
        return new NarrowSourceText(bytes, aside.Positions ?? Array.Empty<int>(), aside.Chars ?? Array.Empty<char>());
    }

    /// <summary>The reference of <see cref="TryNarrow"/>: every character on its own.</summary>
    internal static NarrowSourceText? NarrowSimple(char[] chars, int length)
    {
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            count += chars[i] >= Marker ? 1 : 0;
        }

        if (count > length / AsideShare)
        {
            return null;
        }

        var bytes = new byte[length];
        var positions = new List<int>();
        var kept = new List<char>();
        for (var i = 0; i < length; i++)
        {
            bytes[i] = chars[i] < Marker ? (byte)chars[i] : Marker;
            if (chars[i] >= Marker)
            {
                positions.Add(i);
                kept.Add(chars[i]);
            }
        }

        return new NarrowSourceText(bytes, positions.ToArray(), kept.ToArray());
    }

    /// <summary>The characters kept aside while narrowing: arrays of their exact number, filled in order.</summary>
    private struct Aside
    {
        public int[]? Positions;
        public char[]? Chars;
        private int _filled;

        /// <summary>
        /// Counts the characters to keep aside from <paramref name="from"/> (none before it) and makes room for them; false
        /// when there are more than a string would cost.
        /// </summary>
        public bool Start(char[] chars, int from, int length)
        {
            var count = 0;
            var i = from;
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<ushort>.Count;
                var ascii = new Vector<ushort>(0x7F);
                var one = Vector<ushort>.One;
                foreach (var block in MemoryMarshal.Cast<char, Vector<ushort>>(new ReadOnlySpan<char>(chars, from, length - from)))
                {
                    count += Vector.Dot(Vector.GreaterThan(block, ascii) & one, one);
                    i += width;
                }
            }

            for (; i < length; i++)
            {
                count += chars[i] >= Marker ? 1 : 0;
            }

            if (count > length / AsideShare)
            {
                return false;
            }

            Positions = new int[count];
            Chars = new char[count];
            return true;
        }

        /// <summary>Narrows characters <paramref name="from"/> to <paramref name="to"/> one by one, keeping the others aside.</summary>
        public void Narrow(char[] chars, int from, int to, byte[] bytes)
        {
            for (var i = from; i < to; i++)
            {
                var c = chars[i];
                if (c < Marker)
                {
                    bytes[i] = (byte)c;
                    continue;
                }

                bytes[i] = Marker;
                Positions![_filled] = i;
                Chars![_filled++] = c;
            }
        }
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override int Length => _bytes.Length;

    public override char this[int position]
    {
        get
        {
            var b = _bytes[position];
            return b < Marker ? (char)b : _asideChars[Array.BinarySearch(_asidePositions, position)];
        }
    }

    public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (sourceIndex < 0 || count < 0 || sourceIndex > _bytes.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        if (destinationIndex < 0 || destinationIndex > destination.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(destinationIndex));
        }

        // The marker bytes come out as '?' and are then overwritten with the characters kept aside.
        Encoding.ASCII.GetChars(_bytes, sourceIndex, count, destination, destinationIndex);
        for (var k = FirstAsideAt(sourceIndex); k < _asidePositions.Length && _asidePositions[k] < sourceIndex + count; k++)
        {
            destination[destinationIndex + _asidePositions[k] - sourceIndex] = _asideChars[k];
        }
    }

    public override string ToString(TextSpan span)
    {
        if (span.End > _bytes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(span));
        }

        var k = FirstAsideAt(span.Start);
        if (k == _asidePositions.Length || _asidePositions[k] >= span.End)
        {
            return Encoding.ASCII.GetString(_bytes, span.Start, span.Length);
        }

        var chars = new char[span.Length];
        CopyTo(span.Start, chars, 0, span.Length);
        return new string(chars);
    }

    /// <summary>The index of the first character kept aside at or after <paramref name="position"/>.</summary>
    private int FirstAsideAt(int position)
    {
        var found = Array.BinarySearch(_asidePositions, position);
        return found >= 0 ? found : ~found;
    }
}
