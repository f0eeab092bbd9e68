using System.Text;

namespace Qiwi.Runtime.Tests.Signing;

/// <summary>A verifier accepts one spelling of a signature: every single-bit change of its text is refused.</summary>
public sealed class SignatureSpellingTests
{
    public static TheoryData<string, string> Specs() => new()
    {
        { "HMAC-SHA1", "base64" },
        { "HMAC-SHA256", "base64" },
        { "HMAC-SHA1", "hex" },
        { "HMAC-SHA256", "hex" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_single_bit_flip_of_a_valid_signature_is_refused(string algorithm, string encoding)
    {
        var spec = new QiwiSignatureSpec(algorithm, "sign", null, Array.Empty<string>(), "|", encoding);
        var random = new Random(20260301);
        for (var sample = 0; sample < 40; sample++)
        {
            var fields = new[] { new KeyValuePair<string, string>("amount", (random.Next(1, 100000) / 100m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)), new KeyValuePair<string, string>("bill_id", "B" + random.Next()) };
            var key = "key-" + random.Next();
            var valid = QiwiSignature.Compute(spec, fields, key);
            Assert.True(QiwiSignature.Verify(spec, fields, key, valid));
            var bytes = Encoding.ASCII.GetBytes(valid);
            for (var bit = 0; bit < bytes.Length * 8; bit++)
            {
                var flipped = (byte[])bytes.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                var text = Encoding.Latin1.GetString(flipped);
                Assert.False(QiwiSignature.Verify(spec, fields, key, text), $"bit {bit} of '{valid}' flipped to '{text}' was accepted");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Other_spellings_of_the_same_bytes_are_refused(string algorithm, string encoding)
    {
        var spec = new QiwiSignatureSpec(algorithm, "sign", null, Array.Empty<string>(), "|", encoding);
        var fields = new[] { new KeyValuePair<string, string>("amount", "10.00") };
        var valid = QiwiSignature.Compute(spec, fields, "key");

        Assert.False(QiwiSignature.Verify(spec, fields, "key", " " + valid));
        Assert.False(QiwiSignature.Verify(spec, fields, "key", valid + "\n"));
        if (encoding == "hex")
        {
            Assert.False(QiwiSignature.Verify(spec, fields, "key", valid.ToUpperInvariant()));
        }
        else
        {
            Assert.False(QiwiSignature.Verify(spec, fields, "key", valid.TrimEnd('=')));
        }
    }
}
