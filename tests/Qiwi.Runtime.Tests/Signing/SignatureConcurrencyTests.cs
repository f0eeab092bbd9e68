namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// The runtime keeps a keyed HMAC per thread for the last secret and algorithm it signed with. Many threads
/// signing and verifying seeded random forms at once, each with a few secrets it alternates between and runs of
/// one secret (the kept state reused, replaced, reused again), must all get exactly the reference's signatures.
/// </summary>
public sealed class SignatureConcurrencyTests
{
    private sealed record Case(QiwiSignatureSpec Spec, KeyValuePair<string, string>[] Form, string Key, string Expected);

    [Fact]
    public void Threads_signing_with_different_secrets_at_once_all_agree_with_the_reference()
    {
        var cases = Cases(new Random(16_2027), 400);
        const int Workers = 8;
        var failures = new List<string>();
        using var start = new Barrier(Workers);
        var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
        {
            var random = new Random(worker);
            start.SignalAndWait();
            for (var step = 0; step < 1500; step++)
            {
                // Runs of one case (the same secret: the kept HMAC reused) between jumps to another secret.
                var item = cases[(step / (1 + (worker % 3))) * (worker + 1) % cases.Count];
                string? failure;
                try
                {
                    var computed = QiwiSignature.Compute(item.Spec, item.Form, item.Key);
                    var verified = QiwiSignature.Verify(item.Spec, item.Form, item.Key, item.Expected);
                    var wrongKey = QiwiSignature.Verify(item.Spec, item.Form, item.Key + "x", item.Expected);
                    failure = computed != item.Expected || !verified || wrongKey
                        ? $"computed {computed}, expected {item.Expected}, verified {verified}, with another key {wrongKey}"
                        : null;
                }
                catch (Exception exception)
                {
                    failure = exception.GetType().Name + ": " + exception.Message;
                }

                if (failure is not null)
                {
                    lock (failures)
                    {
                        failures.Add($"worker {worker} step {step}: {failure}");
                    }
                }

                if (random.Next(50) == 0)
                {
                    Thread.Yield();
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
    }

    [Fact]
    public void One_thread_alternating_secrets_and_algorithms_gets_each_ones_signature()
    {
        var form = new KeyValuePair<string, string>[] { new("amount", "0.01"), new("bill_id", "B1"), new("status", "paid") };
        var sha1 = new QiwiSignatureSpec("HMAC-SHA1", "sign", null, [], "|", "base64");
        var sha256 = new QiwiSignatureSpec("HMAC-SHA256", "sign", null, [], "|", "hex");
        string[] keys = ["first", "second", "first", new string('k', 400), "", "first"];
        foreach (var key in keys)
        {
            foreach (var spec in new[] { sha1, sha256, sha1 })
            {
                Assert.Equal(ReferenceSignature.Compute(spec, form, key), QiwiSignature.Compute(spec, form, key));

                // Equal text in another string instance is the same secret.
                Assert.Equal(ReferenceSignature.Compute(spec, form, key), QiwiSignature.Compute(spec, form, new string(key.AsSpan())));
            }
        }
    }

    private static List<Case> Cases(Random random, int count)
    {
        var keys = Enumerable.Range(0, 12).Select(i => SignatureDifferentialTests.RandomText(random, SignatureDifferentialTests.ValuePieces, i % 5 == 0 ? 80 : 3) + i).ToArray();
        var cases = new List<Case>();
        while (cases.Count < count)
        {
            var form = SignatureDifferentialTests.RandomForm(random);
            var spec = SignatureDifferentialTests.RandomSpec(random, form);
            var key = keys[random.Next(keys.Length)];
            if (ReferenceSignature.Compute(spec, form, key) is { } expected)
            {
                cases.Add(new Case(spec, form, key, expected));
            }
        }

        return cases;
    }
}
