namespace Qiwi.AspNetCore;

/// <summary>
/// A request body read through a bound: once more than <c>max</c> bytes have come, a read throws
/// <see cref="InvalidDataException"/>, which the form read turns into a malformed-request answer. Whatever the server
/// (Kestrel lets the limit be set too, a test server or another host may not), no more than the bound is ever taken in.
/// </summary>
internal sealed class BoundedRequestBody(Stream inner, long max) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(Room(buffer.Length) is var room && room < buffer.Length ? buffer[..room] : buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>How much of a read of <paramref name="wanted"/> bytes to ask for: up to one byte past the bound, which tells a body that is too long.</summary>
    private int Room(int wanted) => (int)Math.Min(wanted, Math.Max(1, max + 1 - _read));

    private int Count(int read)
    {
        _read += read;
        return _read > max ? throw new InvalidDataException($"The request body is longer than {max} bytes.") : read;
    }
}
