using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// A verifier accepts one spelling of a signature: lower-case hex (the only spelling the docs show for the web
/// form's <c>sign</c>) or padded standard Base64 of the raw HMAC (the PHP sample's <c>X-Api-Signature</c>).
/// Other spellings of the same bytes are refused.
/// </summary>
public sealed class CanonicalSpellingTests
{
    private const string Password = "notify-secret";

    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("command", "bill"), new("bill_id", "LocalTest17"), new("status", "paid"), new("error", "0"), new("amount", "0.01"),
        new("user", "tel:+78000005122"), new("prv_name", "Test"), new("ccy", "RUB"), new("comment", "Some Descriptor"),
    ];

    [Fact]
    public void The_notification_signature_is_refused_in_any_other_spelling_of_the_same_bytes()
    {
        var valid = QiwiSignature.Compute(BillNotificationWebhook.Signature, Form, Password);
        Assert.Equal(28, valid.Length); // 20 raw bytes, padded
        Assert.True(BillNotificationWebhook.VerifySignature(Form, valid, Password));
        var bytes = Convert.FromBase64String(valid);

        // The last character before '=' carries two unused bits: the three other values decode to the same bytes.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var last = alphabet.IndexOf(valid[^2], StringComparison.Ordinal);
        var sameBytes = Enumerable.Range(0, 4).Select(low => valid[..^2] + alphabet[(last & ~3) | low] + "=").Where(s => s != valid).ToList();
        Assert.Equal(3, sameBytes.Count);
        Assert.All(sameBytes, s => Assert.Equal(bytes, Convert.FromBase64String(s)));

        foreach (var spelling in sameBytes.Concat([valid.TrimEnd('='), " " + valid, valid + " ", valid + "\n", valid[..14] + "\r\n" + valid[14..]]))
        {
            Assert.False(BillNotificationWebhook.VerifySignature(Form, spelling, Password), $"'{spelling}' was accepted");
        }
    }

    [Fact]
    public void The_web_form_sign_is_lower_case_hex_only()
    {
        KeyValuePair<string, string>[] query = [new("api_id", "7"), new("currency", "RUB"), new("from", "1"), new("summ", "5.00"), new("txn_id", "T1")];
        var valid = QiwiSignature.Compute(QiwiPullRedirects.WebFormSignature, query, "pw");
        Assert.Matches("^[0-9a-f]{64}$", valid);

        Assert.True(QiwiSignature.Verify(QiwiPullRedirects.WebFormSignature, query, "pw", valid));
        var letter = valid.IndexOfAny("abcdef".ToCharArray());
        Assert.True(letter >= 0);
        var oneUpper = valid[..letter] + char.ToUpperInvariant(valid[letter]) + valid[(letter + 1)..];
        foreach (var spelling in new[] { valid.ToUpperInvariant(), oneUpper, " " + valid, valid + " ", valid[..^2] })
        {
            Assert.False(QiwiSignature.Verify(QiwiPullRedirects.WebFormSignature, query, "pw", spelling), $"'{spelling}' was accepted");
        }
    }
}
