namespace Qiwi.Shared;

/// <summary>
/// Reads an HTTP body up to a bound, never more than one byte past it: into one array of the declared length when a
/// length under the bound is declared, else into an array that doubles as the body comes. Compiled into the runtime
/// (a response to a call) and the sandbox (a merchant's reply to a notification), each of which decides what a body
/// over the bound means.
/// </summary>
internal static class BoundedBodyRead
{
    /// <summary>The body, or, when it is longer than <paramref name="max"/> bytes, its first <paramref name="max"/> bytes and <c>TooLong</c>.</summary>
    public static async ValueTask<(byte[] Body, bool TooLong)> ReadAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        var limit = max + 1; // one byte more tells a body that is too long
        var declared = content.Headers.ContentLength is long length && length < limit ? (int)length : -1; // -1: unknown, or too long
        var end = declared >= 0 ? declared : limit;
        var buffer = new byte[declared >= 0 ? declared : Math.Min(1024, limit)];
        var read = 0;
        using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            while (read < end)
            {
                if (read == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit));
                }

                var count = await stream.ReadAsync(buffer.AsMemory(read, Math.Min(buffer.Length, end) - read), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }
        }

        return read == limit ? (buffer[..max], true) : (read == buffer.Length ? buffer : buffer[..read], false);
    }
}
