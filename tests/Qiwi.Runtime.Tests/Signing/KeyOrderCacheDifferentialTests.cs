namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// The thread's remembered ksort order (<see cref="KeyOrderCache"/>) against the uncached canonical form. Seeded
/// forms of a few kinds alternate on each thread; each form is its kind again (the remembered order applies), its
/// names in another order, one name exchanged for one that differs only in case, a prefix, a suffix or its numeric
/// spelling, the signature's field added or given twice, a name repeated, a field more or less. Each is signed as an
/// array and as a list (both may use the remembered order) and as a lazy sequence (never remembered), and all three
/// must give the reference's canonical string and signature, for specs with other signature fields too.
/// </summary>
public sealed class KeyOrderCacheDifferentialTests
{
    private static readonly string[][] Colliders =
    [
        ["amount", "Amount", "AMOUNT", "amount_", "amoun", "amounts", "amount\u0000"],
        ["1", "01", "1.0", "1e0", " 1", "+1", "10", "-1", "1 "],
        ["bill_id", "bill_Id", "bill", "bill_id2", "bill_id10"],
        ["status", "Status", "statu", "status\u00e9", "statue\u0301"],
        ["sign", "SIGN", "sign_", "Sign"],
        ["a", "b", "B", "", "_", "\uD83D", "\U0001F600"],
    ];

    private static readonly string[] Targets = ["sign", "SIGN", "amount"];

    [Fact]
    public void Alternating_forms_with_colliding_names_sign_as_the_uncached_canonical_form_does()
    {
        const int Workers = 3;
        var failures = new List<string>();
        var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
        {
            var random = new Random(16_5000 + worker);
            var kinds = Enumerable.Range(0, 5).Select(_ => Kind(random)).ToArray();
            for (var step = 0; step < 4000; step++)
            {
                var kind = kinds[random.Next(kinds.Length)];
                var names = Perturb(random, kind);
                var form = names.Select(n => new KeyValuePair<string, string>(new string(n.AsSpan()), SignatureDifferentialTests.RandomText(random, SignatureDifferentialTests.ValuePieces, random.Next(0, 3)))).ToArray();
                var spec = new QiwiSignatureSpec(random.Next(2) == 0 ? "HMAC-SHA1" : "HMAC-SHA256", Targets[random.Next(Targets.Length)], null, [], "|", "hex");
                var canonical = ReferenceSignature.CanonicalString(spec, form);
                var signature = ReferenceSignature.Compute(spec, form, "key");
                foreach (var shape in new IEnumerable<KeyValuePair<string, string>>[] { form, form.ToList(), form.Select(f => f), form })
                {
                    var (gotCanonical, gotSignature) = (QiwiSignature.CanonicalString(spec, shape), QiwiSignature.Compute(spec, shape, "key"));
                    if (gotCanonical != canonical || gotSignature != signature || !QiwiSignature.Verify(spec, shape, "key", signature))
                    {
                        lock (failures)
                        {
                            failures.Add($"worker {worker} step {step} target '{spec.Target}' names [{string.Join(", ", names)}] ({shape.GetType().Name}): '{gotCanonical}' for '{canonical}'");
                        }
                    }
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures.Take(10));
    }

    /// <summary>A kind of form: a few distinct names, one from each of some collider groups.</summary>
    private static string[] Kind(Random random)
        => Colliders.OrderBy(_ => random.Next()).Take(random.Next(2, Colliders.Length + 1)).Select(g => g[random.Next(g.Length)]).Distinct().ToArray();

    private static List<string> Perturb(Random random, string[] kind)
    {
        var names = kind.ToList();
        switch (random.Next(10))
        {
            case < 4:
                break; // the kind again: the remembered order applies
            case 4:
                names = names.OrderBy(_ => random.Next()).ToList();
                break;
            case 5:
                var at = random.Next(names.Count);
                var group = Colliders.FirstOrDefault(g => g.Contains(names[at])) ?? Colliders[0];
                names[at] = group[random.Next(group.Length)];
                break;
            case 6:
                names.Insert(random.Next(names.Count + 1), Targets[random.Next(Targets.Length)]);
                if (random.Next(2) == 0)
                {
                    names.Insert(random.Next(names.Count + 1), names.Find(n => Targets.Contains(n))!);
                }

                break;
            case 7:
                names.Insert(random.Next(names.Count + 1), names[random.Next(names.Count)]);
                break;
            case 8:
                names.RemoveAt(random.Next(names.Count));
                break;
            default:
                var extra = Colliders[random.Next(Colliders.Length)];
                names.Insert(random.Next(names.Count + 1), extra[random.Next(extra.Length)]);
                break;
        }

        return names;
    }
}
