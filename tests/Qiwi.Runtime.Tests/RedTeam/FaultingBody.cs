namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>Serves the first <c>cut</c> bytes, then throws (a reset connection) or waits until the read is cancelled.</summary>
internal sealed class FaultingBody(byte[] bytes, int cut, bool hang) : Stream
{
    private int _at;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _at; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_at < cut)
        {
            var count = Math.Min(buffer.Length, cut - _at);
            bytes.AsMemory(_at, count).CopyTo(buffer);
            _at += count;
            return count;
        }

        if (hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        throw new IOException("the connection was reset in the body");
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
