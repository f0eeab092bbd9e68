using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Emit;

/// <summary>
/// A generated file whose characters are all ASCII, held as one byte per character: half the memory of the string the
/// driver would otherwise make and keep for as long as the build or the IDE holds its run. It is the same text as
/// <c>SourceText.From(text, Encoding.UTF8)</c>, what <c>AddSource(string, string)</c> makes: the same characters,
/// encoding and checksum algorithm, hence the same checksum in the PDB (<c>GeneratedTextTests</c> compares them).
/// </summary>
internal sealed class AsciiSourceText : SourceText
{
    private readonly byte[] _bytes;

    /// <param name="bytes">The characters, each below 128; the text keeps the array.</param>
    public AsciiSourceText(byte[] bytes)
        : base(checksumAlgorithm: SourceHashAlgorithm.Sha1)
    {
        _bytes = bytes;
    }

    /// <summary>
    /// The first <paramref name="length"/> characters as bytes when every one is ASCII (one vectorized pass over them:
    /// the encoder's fast path, which leaves it only for a character it must fall back on), else null.
    /// </summary>
    public static byte[]? TryNarrow(char[] chars, int length)
    {
        var bytes = new byte[length];
        NotAscii.Seen = false;
        AsciiMarking.GetBytes(chars, 0, length, bytes, 0);
        return NotAscii.Seen ? null : bytes;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override int Length => _bytes.Length;

    public override char this[int position] => (char)_bytes[position];

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

        Encoding.ASCII.GetChars(_bytes, sourceIndex, count, destination, destinationIndex);
    }

    public override string ToString(TextSpan span)
    {
        if (span.End > _bytes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(span));
        }

        return Encoding.ASCII.GetString(_bytes, span.Start, span.Length);
    }

    /// <summary>ASCII whose fallback notes, on this thread, that a character was not ASCII (and writes '?' for it).</summary>
    private static readonly Encoding AsciiMarking = Encoding.GetEncoding("us-ascii", new NotAscii(), DecoderFallback.ReplacementFallback);

    private sealed class NotAscii : EncoderFallback
    {
        [ThreadStatic]
        public static bool Seen;

        public override int MaxCharCount => 1;

        public override EncoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        public override bool Equals(object? obj) => obj is NotAscii;

        public override int GetHashCode() => nameof(NotAscii).GetHashCode();

        private sealed class Buffer : EncoderFallbackBuffer
        {
            private int _remaining;

            public override int Remaining => _remaining;

            public override bool Fallback(char charUnknown, int index) => Mark();

            public override bool Fallback(char charUnknownHigh, char charUnknownLow, int index) => Mark();

            public override char GetNextChar()
            {
                if (_remaining == 0)
                {
                    return '\0';
                }

                _remaining--;
                return '?';
            }

            public override bool MovePrevious()
            {
                if (_remaining != 0)
                {
                    return false;
                }

                _remaining = 1;
                return true;
            }

            public override void Reset() => _remaining = 0;

            private bool Mark()
            {
                Seen = true;
                _remaining = 1;
                return true;
            }
        }
    }
}
