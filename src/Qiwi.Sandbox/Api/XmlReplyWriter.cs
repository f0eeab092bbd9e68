using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Writes an XML answer's element as UTF-8 straight into a buffer (no string of it first): indented, without a
/// declaration, carriage returns in text written as <c>&amp;#xD;</c> (<see cref="NewLineHandling.Entitize"/>: a reader
/// turns a bare one, and CR LF, into a line feed, so a comment came back changed). The bytes are those of the element
/// written to a string with the same settings and then encoded as UTF-8 (<c>XmlReplyWriterTests</c>).
/// </summary>
internal static class XmlReplyWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        NewLineHandling = NewLineHandling.Entitize,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),   // no byte order mark
        CloseOutput = false,
    };

    /// <summary>Appends <paramref name="element"/> to <paramref name="output"/>.</summary>
    public static void Write(XElement element, IBufferWriter<byte> output)
    {
        using var stream = new BufferStream(output);
        using var writer = XmlWriter.Create(stream, Settings);
        element.WriteTo(writer);
    }

    /// <summary>A write-only stream that appends to a buffer writer (what <see cref="XmlWriter"/> writes UTF-8 to).</summary>
    private sealed class BufferStream(IBufferWriter<byte> output) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
