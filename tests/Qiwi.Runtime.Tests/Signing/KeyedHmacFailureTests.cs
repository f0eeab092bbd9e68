using System.Security.Cryptography;
using System.Text;

namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// The per-thread keyed HMAC (<see cref="KeyedHmac"/>) after a hash that failed between appending the data and
/// finishing (a destination too small for the hash: the data is in, the hash is not out). Seeded runs on several
/// threads mix secrets (empty, non-ASCII, lone surrogates, longer than the stack buffer), both algorithms, data of
/// any length and such failures; every hash that succeeds, above all the one right after a failure with the same
/// secret, must be the one-shot HMAC of exactly its own data.
/// </summary>
public sealed class KeyedHmacFailureTests
{
    private static readonly string[] Keys = ["secret", "", "\u0436\u0436", "\uD83D", "\uDE00x", "\U0001F600", new string('k', 300), new string('\u0436', 200)];

    [Fact]
    public void A_hash_after_one_that_failed_midway_is_the_hash_of_its_own_data_alone()
    {
        const int Workers = 4;
        var failures = new List<string>();
        var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
        {
            var random = new Random(16_4000 + worker);
            var (failed, afterFailure) = (0, 0);
            var lastFailed = false;
            for (var step = 0; step < 3000; step++)
            {
                // After a failure, usually the same secret and algorithm again: the state that failed would be reused.
                var key = Keys[random.Next(Keys.Length)];
                var sha1 = random.Next(2) == 0;
                var data = new byte[random.Next(4) == 0 ? random.Next(200, 2000) : random.Next(0, 64)];
                random.NextBytes(data);
                var size = sha1 ? HMACSHA1.HashSizeInBytes : HMACSHA256.HashSizeInBytes;
                var keyBytes = Encoding.UTF8.GetBytes(key);
                var expected = sha1 ? HMACSHA1.HashData(keyBytes, data) : HMACSHA256.HashData(keyBytes, data);
                try
                {
                    if (random.Next(4) == 0)
                    {
                        var small = new byte[random.Next(0, size)];
                        Assert.Throws<ArgumentException>(() => KeyedHmac.Hash(sha1, key, data, small));
                        failed++;
                        lastFailed = true;
                        key = random.Next(4) == 0 ? Keys[random.Next(Keys.Length)] : key;
                        keyBytes = Encoding.UTF8.GetBytes(key);
                        data = data.AsSpan(0, random.Next(data.Length + 1)).ToArray();
                        expected = sha1 ? HMACSHA1.HashData(keyBytes, data) : HMACSHA256.HashData(keyBytes, data);
                    }

                    var destination = new byte[size + random.Next(0, 8)];
                    var written = KeyedHmac.Hash(sha1, key, data, destination);
                    Assert.Equal(expected, destination[..written]);
                    afterFailure += lastFailed ? 1 : 0;
                    lastFailed = false;
                }
                catch (Exception exception)
                {
                    lock (failures)
                    {
                        failures.Add($"worker {worker} step {step}: {exception.GetType().Name}: {exception.Message}");
                    }

                    return;
                }
            }

            lock (failures)
            {
                if (failed < 500 || afterFailure < 500)
                {
                    failures.Add($"worker {worker}: only {failed} failures and {afterFailure} hashes after one");
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    [Fact]
    public void A_signature_refused_before_hashing_leaves_the_next_verification_right()
    {
        // A listed field missing: Verify is false and Compute throws, before anything is hashed; the next one is right.
        var spec = new QiwiSignatureSpec("HMAC-SHA256", "sign", ["amount", "status"], [], "|", "hex");
        KeyValuePair<string, string>[] whole = [new("amount", "1.00"), new("status", "paid")];
        KeyValuePair<string, string>[] partial = [new("amount", "1.00")];
        var expected = ReferenceSignature.Compute(spec, whole, "key")!;
        for (var i = 0; i < 50; i++)
        {
            Assert.Throws<ArgumentException>(() => QiwiSignature.Compute(spec, partial, "key"));
            Assert.False(QiwiSignature.Verify(spec, partial, "key", expected));
            Assert.True(QiwiSignature.Verify(spec, whole, "key", expected));
            Assert.Equal(expected, QiwiSignature.Compute(spec, whole, "key"));
        }
    }
}
