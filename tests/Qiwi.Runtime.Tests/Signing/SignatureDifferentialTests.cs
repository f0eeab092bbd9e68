namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// The runtime's pooled, allocation-free signature path against <see cref="ReferenceSignature"/> on seeded random
/// forms: numeric and non-ASCII names, repeated names, the signature's own field, lone surrogates at every
/// boundary, long values and keys (the pooled buffers), both algorithms and encodings, listed and optional fields;
/// each form's names again with other values (the order the thread remembers), and with one name changed.
/// </summary>
public sealed class SignatureDifferentialTests
{
    private static readonly string[] NamePieces =
    [
        "0", "1", "9", "10", "01", "1e1", "-", "+", ".", "e", " ", "\t", "a", "b", "_", "id", "amount", "\u00e9", "\uFB01",
        "\U0001F600", "\uD83D", "\uDE00", "\uFFFD", "x",
    ];

    internal static readonly string[] ValuePieces = ["", "0.01", "paid", "|", "\u0436", "\uD83D", "\uDE00", "\U0001F600", "tel:+7", " ", "&=%"];

    private static readonly string[] Separators = ["|", "", ";", "\uDE00", "\uD83D", "::", "\u0436-long-\u0436"];

    [Fact]
    public void The_fast_path_agrees_with_the_reference_on_seeded_random_forms()
    {
        var random = new Random(16_2026);
        var verified = 0;
        for (var round = 0; round < 3000; round++)
        {
            var form = RandomForm(random);
            var spec = RandomSpec(random, form);
            var key = RandomText(random, ValuePieces, random.Next(10) == 0 ? 300 : random.Next(0, 6));
            var input = Shape(random, form);

            var expected = ReferenceSignature.Compute(spec, form, key);
            if (expected is null)
            {
                Assert.Throws<ArgumentException>(() => QiwiSignature.Compute(spec, input, key));
                Assert.False(QiwiSignature.Verify(spec, input, key, "anything"));
                continue;
            }

            Assert.Equal(ReferenceSignature.CanonicalString(spec, form), QiwiSignature.CanonicalString(spec, input));
            Assert.Equal(expected, QiwiSignature.Compute(spec, input, key));
            Assert.True(QiwiSignature.Verify(spec, input, key, expected));
            var tampered = expected[..^1] + (expected[^1] == 'A' ? 'B' : 'A');
            Assert.False(QiwiSignature.Verify(spec, input, key, tampered));
            Assert.False(QiwiSignature.Verify(spec, input, key, expected + "="));

            // The same names again (new strings, other values: the thread's remembered order), then one name changed.
            var again = form.Select(f => new KeyValuePair<string, string>(new string(f.Key.AsSpan()), RandomText(random, ValuePieces, random.Next(0, 4)))).ToArray();
            Assert.Equal(ReferenceSignature.Compute(spec, again, key), ComputeOrNull(spec, Shape(random, again), key));
            if (again.Length > 0)
            {
                var changed = random.Next(again.Length);
                again[changed] = new(RandomText(random, NamePieces, random.Next(1, 4)), again[changed].Value);
                Assert.Equal(ReferenceSignature.Compute(spec, again, key), ComputeOrNull(spec, Shape(random, again), key));
            }

            verified++;
        }

        Assert.True(verified > 1500, $"only {verified} of the random forms could be signed");
    }

    private static string? ComputeOrNull(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> form, string key)
    {
        try
        {
            return QiwiSignature.Compute(spec, form, key);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal static KeyValuePair<string, string>[] RandomForm(Random random)
    {
        var count = random.Next(0, random.Next(8) == 0 ? 40 : 12);
        var form = new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(6) == 0 && i > 0 ? form[random.Next(i)].Key : RandomText(random, NamePieces, random.Next(1, 4));
            var value = random.Next(20) == 0 ? null! : RandomText(random, ValuePieces, random.Next(12) == 0 ? 200 : random.Next(0, 4));
            form[i] = new(name, value);
        }

        return form;
    }

    internal static QiwiSignatureSpec RandomSpec(Random random, KeyValuePair<string, string>[] form)
    {
        var names = form.Select(f => f.Key).Append("missing").Distinct().ToArray();
        var target = random.Next(4) == 0 && names.Length > 1 ? names[random.Next(names.Length)] : "sign";
        string[]? listed = random.Next(3) == 0 ? Enumerable.Range(0, random.Next(1, 6)).Select(_ => names[random.Next(names.Length)]).ToArray() : null;
        string[] optional = listed is null ? [] : listed.Where(_ => random.Next(2) == 0).Append("missing").ToArray();
        return new QiwiSignatureSpec(
            random.Next(2) == 0 ? "HMAC-SHA1" : "HMAC-SHA256",
            target,
            listed,
            optional,
            Separators[random.Next(Separators.Length)],
            random.Next(2) == 0 ? "hex" : "base64");
    }

    /// <summary>The same form as an array, a list or a lazy sequence (the runtime reads arrays directly).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Shape(Random random, KeyValuePair<string, string>[] form) => random.Next(3) switch
    {
        0 => form,
        1 => form.ToList(),
        _ => form.Select(f => f),
    };

    internal static string RandomText(Random random, string[] pieces, int count)
        => string.Concat(Enumerable.Range(0, count).Select(_ => pieces[random.Next(pieces.Length)]));
}
