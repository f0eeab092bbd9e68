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
}
