using System.Security.Cryptography;
using System.Text;

namespace Qiwi.Runtime.Tests.Signing;

/// <summary>
/// Notification parameters are signed in the order PHP's ksort gives them (the docs' reference implementation),
/// which is the ordinal order for every documented name and differs from it where PHP compares numbers or UTF-8.
/// </summary>
public sealed class KeyOrderTests
{
    private static readonly QiwiSignatureSpec AllFields = new("HMAC-SHA1", "X-Api-Signature", null, [], "|", "base64");

    [Theory]
    [InlineData(new[] { "10", "9", "amount" }, new[] { "9", "10", "amount" })] // numeric names compare as numbers
    [InlineData(new[] { "1e1", "9" }, new[] { "9", "1e1" })] // 1e1 is the number 10
    [InlineData(new[] { " 50", "10" }, new[] { "10", " 50" })] // leading whitespace: still numeric
    [InlineData(new[] { "-1", "-10" }, new[] { "-10", "-1" })] // signs
    [InlineData(new[] { ".5", "0.25" }, new[] { "0.25", ".5" })] // a point without an integral digit
    [InlineData(new[] { "\U0001F600", "\uFB01" }, new[] { "\uFB01", "\U0001F600" })] // UTF-8 bytes: EF.. before F0..
    public void Ksort_differs_from_the_ordinal_order_where_php_compares_numbers_or_utf8_bytes(string[] names, string[] expected)
    {
        var ordinal = names.OrderBy(n => n, StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, QiwiKeyOrder.Sort(names));
        Assert.NotEqual(expected, ordinal); // the case really is one where the two orders differ
    }

    [Theory]
    [InlineData("1|01|1.0")] // equal numbers keep the form's order (PHP 8's sort is stable)
    [InlineData("1.0|1|01")]
    public void Equal_numbers_keep_their_order_in_the_form(string form)
    {
        var names = form.Split('|');
        Assert.Equal(names, QiwiKeyOrder.Sort(names));
    }

    [Theory]
    [InlineData("0x1A", "9")] // hex is not numeric in PHP 8: compared as bytes, '0' < '9'
    [InlineData("1_000", "9")] // nor are underscores
    [InlineData("1abc", "9")] // nor a number with something after it
    [InlineData("10 ", "9")] // trailing whitespace is numeric in PHP 8: 10 > 9
    public void Php_8_numeric_strings(string left, string right)
    {
        var numeric = left.TrimEnd() == "10";
        Assert.Equal(numeric ? 1 : -1, Math.Sign(QiwiKeyOrder.Compare(left, right)));
    }

    [Fact]
    public void For_names_of_letters_digits_and_underscores_not_all_digits_ksort_is_the_ordinal_order()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        var random = new Random(20241125);
        for (var round = 0; round < 500; round++)
        {
            var names = Enumerable.Range(0, random.Next(1, 15))
                .Select(_ => (char)('a' + random.Next(26)) + new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                .Distinct(StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), QiwiKeyOrder.Sort(names));
        }
    }

    [Fact]
    public void The_comparison_is_antisymmetric_and_the_sort_is_a_sorted_permutation_on_seeded_random_names()
    {
        string[] pieces = ["0", "1", "9", "10", "-", "+", ".", "e", " ", "a", "_", "\u00e9", "\uFB01", "\U0001F600", "x"];
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var names = Enumerable.Range(0, random.Next(1, 12)).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => pieces[random.Next(pieces.Length)]))).ToArray();
            foreach (var a in names)
            {
                foreach (var b in names)
                {
                    Assert.Equal(-Math.Sign(QiwiKeyOrder.Compare(b, a)), Math.Sign(QiwiKeyOrder.Compare(a, b)));
                }
            }

            var sorted = QiwiKeyOrder.Sort(names);
            Assert.Equal(names.Order(StringComparer.Ordinal), sorted.Order(StringComparer.Ordinal));

            // Every neighbour is in order, even where PHP's comparison is not transitive (the insertion sort's invariant).
            Assert.All(sorted.Zip(sorted.Skip(1)), p => Assert.True(QiwiKeyOrder.Compare(p.First, p.Second) <= 0, $"'{p.First}' before '{p.Second}'"));
        }
    }

    [Fact]
    public void A_notification_with_numeric_parameter_names_is_signed_in_ksort_order()
    {
        KeyValuePair<string, string>[] form = [new("bill_id", "B"), new("10", "ten"), new("9", "nine")];
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("pw"), Encoding.UTF8.GetBytes("nine|ten|B")));
        var ordinal = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("pw"), Encoding.UTF8.GetBytes("ten|nine|B")));

        Assert.Equal("nine|ten|B", QiwiSignature.CanonicalString(AllFields, form));
        Assert.True(QiwiSignature.Verify(AllFields, form, "pw", expected));
        Assert.False(QiwiSignature.Verify(AllFields, form, "pw", ordinal));
    }
}
