using Qiwi.Shared;

namespace Qiwi.Runtime.Tests.Http;

/// <summary>
/// The bounded body read shared by the transport and the sandbox's reply reader: for seeded body sizes around the
/// bound, declared or not, given out in seeded chunk sizes, it returns the whole body when it fits, else its first
/// <c>max</c> bytes and TooLong, and never takes more than one byte past the bound (nor past a declared length).
/// </summary>
public sealed class BoundedBodyReadTests
{
    [Fact]
    public async Task Every_size_around_the_bound_in_any_chunking_is_read_whole_or_cut_at_the_bound()
    {
        var random = new Random(2611);
        foreach (var max in new[] { 1, 7, 1024, 1025, 5000 })
        {
            for (var i = 0; i < 60; i++)
            {
                var size = Math.Max(0, max + random.Next(-3, 4) + (i % 10 == 0 ? random.Next(0, 3 * max) : 0));
                var body = new byte[size];
                random.NextBytes(body);
                var declared = random.Next(2) == 0;
                var stream = new Trickle(body, 1 + random.Next(3 * max));
                using var content = new StreamContent(stream);
                content.Headers.ContentLength = declared ? size : null;

                var (read, tooLong) = await BoundedBodyRead.ReadAsync(content, max, CancellationToken.None);

                var what = $"max {max}, size {size}, declared {declared}";
                Assert.True(tooLong == size > max, what);
                Assert.Equal(body.AsSpan(0, Math.Min(size, max)).ToArray(), read);
                Assert.True(stream.Taken <= (declared && size <= max ? size : max + 1), $"{what}: took {stream.Taken}");
            }
        }
    }

    /// <summary>Gives the body out in reads of at most <c>chunk</c> bytes, counting what was taken.</summary>
    private sealed class Trickle(byte[] body, int chunk) : Stream
    {
        public long Taken { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Taken;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, chunk), body.Length - Taken);
            body.AsSpan((int)Taken, n).CopyTo(buffer.AsSpan(offset));
            Taken += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
