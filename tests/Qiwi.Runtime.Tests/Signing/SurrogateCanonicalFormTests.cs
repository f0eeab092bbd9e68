using System.Text;

namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// The canonical form's bytes where surrogates meet: the runtime writes each value and separator as UTF-8 on its
/// own and falls back to the joined string only when a high surrogate ends one piece and a low one starts the next.
/// Seeded values and separators made mostly of lone high and low surrogates, pairs, and the replacement character,
/// in ksort order and in listed order (so a pair split across pieces is met often), must hash exactly as
/// <see cref="Encoding.UTF8"/> over the joined canonical string does.
/// </summary>
public sealed class SurrogateCanonicalFormTests
{
    private static readonly string[] Pieces = ["\uD83D", "\uDE00", "\uD800", "\uDFFF", "\U0001F600", "\uFFFD", "a", "\u0436", ""];

    private static readonly string[] Separators = ["", "|", "\uDE00", "\uD83D", "\uD83D\uDE00", "\uDE00\uD83D", "\uFFFD"];

    [Fact]
    public void Values_and_separators_full_of_surrogates_hash_as_utf8_over_the_joined_canonical_string()
    {
        var random = new Random(16_6000);
        var (joinedPairs, checkedForms) = (0, 0);
        for (var round = 0; round < 6000; round++)
        {
            var count = random.Next(1, 7);
            var form = Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>("f" + i, SignatureDifferentialTests.RandomText(random, Pieces, random.Next(0, 4)))).ToArray();
            var listed = random.Next(2) == 0 ? form.Select(f => f.Key).OrderBy(_ => random.Next()).ToArray() : null;
            var spec = new QiwiSignatureSpec(random.Next(2) == 0 ? "HMAC-SHA1" : "HMAC-SHA256", "sign", listed, [], Separators[random.Next(Separators.Length)], random.Next(2) == 0 ? "hex" : "base64");
            var key = SignatureDifferentialTests.RandomText(random, Pieces, random.Next(0, 4));

            Assert.Equal(ReferenceSignature.CanonicalString(spec, form), QiwiSignature.CanonicalString(spec, form));
            var expected = ReferenceSignature.Compute(spec, form, key)!;   // UTF-8 over the joined canonical string

            Assert.Equal(expected, QiwiSignature.Compute(spec, form, key));
            Assert.True(QiwiSignature.Verify(spec, form, key, expected));
            joinedPairs += PiecesJoinAPair(form, spec) ? 1 : 0;
            checkedForms++;
        }

        Assert.True(joinedPairs > 500, $"only {joinedPairs} of {checkedForms} forms had a pair split across pieces");
    }

    /// <summary>Whether the pieces, encoded one by one, would differ from the joined string (a pair split between two of them).</summary>
    private static bool PiecesJoinAPair(KeyValuePair<string, string>[] form, QiwiSignatureSpec spec)
    {
        var pieces = (spec.Fields ?? form.Select(f => f.Key).ToList()).Select(n => form.First(f => f.Key == n).Value).ToList();
        var oneByOne = pieces.SelectMany((p, i) => (i > 0 ? Encoding.UTF8.GetBytes(spec.Separator) : []).Concat(Encoding.UTF8.GetBytes(p))).ToArray();
        return !oneByOne.SequenceEqual(Encoding.UTF8.GetBytes(string.Join(spec.Separator, pieces)));
    }
}
