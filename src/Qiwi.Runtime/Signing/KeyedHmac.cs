using System.Security.Cryptography;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>
/// An HMAC keyed once and kept for the thread's last secret and algorithm: a one-shot <c>HMACSHA1.HashData</c> sets
/// up the key (the inner and outer pads, the context) on every call, a kept <see cref="IncrementalHash"/> only
/// resets to the keyed state after each hash. Notifications arrive signed with one secret, so every call after a
/// thread's first finds its key ready; a thread that alternates secrets re-keys each time, at the one-shot's cost.
/// </summary>
/// <remarks>
/// Thread-safe by construction: each thread has its own instance and hashing calls nothing back, so no two calls
/// ever share one. The secret is kept only as the caller's own string reference (no copy of it is made; its UTF-8
/// bytes exist only while keying, zeroed after) and nothing here formats it. A thread's instance is disposed when
/// another secret replaces it or when hashing fails; one left on a thread that ends is released by its handle's
/// finalizer.
/// </remarks>
internal sealed class KeyedHmac : IDisposable
{
    private const int StackLimit = 256;

    [ThreadStatic]
    private static KeyedHmac? t_current;

    private readonly string _key;
    private readonly bool _sha1;
    private readonly IncrementalHash _hash;

    private KeyedHmac(string key, bool sha1)
    {
        _key = key;
        _sha1 = sha1;
        var length = Encoding.UTF8.GetByteCount(key);
        var bytes = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        bytes = bytes[..Encoding.UTF8.GetBytes(key, bytes)];
        try
        {
            _hash = IncrementalHash.CreateHMAC(sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256, bytes);
        }
        finally
        {
            // The secret's bytes do not stay behind in memory that is reused.
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>HMAC-SHA1 or HMAC-SHA256 (<paramref name="sha1"/>) of <paramref name="data"/> keyed with <paramref name="key"/> (UTF-8); returns the hash's length.</summary>
    public static int Hash(bool sha1, string key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hmac = t_current;
        if (hmac is null || hmac._sha1 != sha1 || !string.Equals(hmac._key, key, StringComparison.Ordinal))
        {
            hmac?.Dispose();
            t_current = null;
            hmac = new KeyedHmac(key, sha1);
            t_current = hmac;
        }

        try
        {
            hmac._hash.AppendData(data);
            return hmac._hash.GetHashAndReset(destination);
        }
        catch
        {
            // A failed hash may leave data appended: never reuse that state.
            t_current = null;
            hmac.Dispose();
            throw;
        }
    }

    public void Dispose() => _hash.Dispose();

    /// <summary>Names the algorithm only; never the secret.</summary>
    public override string ToString() => _sha1 ? "HMAC-SHA1 (keyed)" : "HMAC-SHA256 (keyed)";
}
