using System.Security.Cryptography;
using System.Text;
using Qiwi.AspNetCore;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// <see cref="QiwiNotificationKey"/> is injective over the fields it is given, lone UTF-16 surrogates included (it
/// is public: a caller can hand it any string, not only what the form reader decoded), and keeps the key it has
/// always given for well-formed text, the only text a form posted over HTTP decodes to, so keys already kept by a
/// store (the shop's <c>applied_notifications</c>) stay valid.
/// </summary>
public sealed class NotificationKeyTests
{
    // Letters, digits, the separators of the canonical form, Cyrillic, U+FFFD itself, a surrogate pair, and lone halves.
    private static readonly string[] Pieces = ["a", "b", "1", "2", ":", "Ж", "\uFFFD", "\U0001F600", "\uD83D", "\uDE00", "\uD800", "\uDFFF", ""];

    [Fact]
    public void The_signed_key_tells_apart_any_two_lists_of_values_and_only_them()
    {
        // Seeded value lists over the notification's names, built from pieces that include the signature's separator
        // and the length prefix's colon: two lists share a key exactly when their values, in name order, are equal
        // (the signed text, '|'-joined, cannot tell 'a|b','c' from 'a','b|c'; the key must).
        var signature = Generated.BillNotificationWebhook.Descriptor.Signature!;
        var names = new[] { "amount", "bill_id", "ccy", "command", "comment", "error", "prv_name", "status", "user" };
        string[] pieces = ["a", "|", "1", ":", "", "|1", "1:", "2|"];
        var random = new Random(26_11_2026);
        string[] Values() => names.Select(_ => string.Concat(Enumerable.Range(0, random.Next(3)).Select(_ => pieces[random.Next(pieces.Length)]))).ToArray();
        KeyValuePair<string, string>[] Form(string[] values) => names.Zip(values, (n, v) => new KeyValuePair<string, string>(n, v)).ToArray();

        var byKey = new Dictionary<string, string[]>();
        var sameSigned = 0;
        for (var i = 0; i < 4000; i++)
        {
            var values = Values();
            var key = QiwiNotificationKey.Compute(signature, Form(values));
            if (byKey.TryGetValue(key, out var earlier))
            {
                Assert.Equal(earlier, values);   // a shared key only for the same values
            }
            else
            {
                byKey[key] = values;
            }

            // A separator moved from one value into its neighbour: the same signed text, another key.
            var at = random.Next(names.Length - 1);
            if (values[at].EndsWith('|'))
            {
                var moved = (string[])values.Clone();
                (moved[at], moved[at + 1]) = (moved[at][..^1], "|" + moved[at + 1]);
                Assert.Equal(string.Join('|', values), string.Join('|', moved));
                Assert.NotEqual(key, QiwiNotificationKey.Compute(signature, Form(moved)));
                sameSigned++;
            }
        }

        Assert.True(sameSigned > 100, $"only {sameSigned} lists with a separator to move");
    }

    [Fact]
    public void Well_formed_fields_keep_the_keys_they_had()
    {
        // Pinned: the key of this notification before lone surrogates were told apart.
        Assert.Equal(
            "a0739269a34759112b95c4fabcd1788023121e341dcbdfc50a99e333c819eddf",
            QiwiNotificationKey.Compute([new("comment", "Привет 😀"), new("bill_id", "B-1"), new("amount", "1.00")]));

        var random = new Random(4_2026);
        for (var i = 0; i < 3000; i++)
        {
            var fields = Fields(random, wellFormed: true);
            Assert.Equal(UntilNow(fields), QiwiNotificationKey.Compute(fields));
        }
    }

    [Fact]
    public void Distinct_fields_give_distinct_keys_lone_surrogates_included()
    {
        // What U+FFFD replacement made one key.
        Assert.NotEqual(QiwiNotificationKey.Compute([new("comment", "a\uD800")]), QiwiNotificationKey.Compute([new("comment", "a\uFFFD")]));
        Assert.NotEqual(QiwiNotificationKey.Compute([new("comment", "\uD800")]), QiwiNotificationKey.Compute([new("comment", "\uDFFF")]));
        Assert.NotEqual(QiwiNotificationKey.Compute([new("\uDC00", "")]), QiwiNotificationKey.Compute([new("\uFFFD", "")]));
        Assert.NotEqual(QiwiNotificationKey.Compute([new("c", "\uDE00\uD83D")]), QiwiNotificationKey.Compute([new("c", "\U0001F600")]));

        // Seeded random notifications over a small alphabet (so near misses are common): the keys are equal exactly
        // when the notifications are (the last value of a repeated name, in any order).
        var random = new Random(4_2027);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var lone = 0;
        for (var i = 0; i < 20000; i++)
        {
            var fields = Fields(random, wellFormed: false);
            var identity = Identity(fields);
            lone += identity.Any(char.IsSurrogate) && !IsWellFormed(identity) ? 1 : 0;
            var key = QiwiNotificationKey.Compute(fields);
            if (byKey.TryGetValue(key, out var seen))
            {
                Assert.True(seen == identity, "two notifications, one key: " + Escape(seen) + " and " + Escape(identity));
            }
            else
            {
                byKey[key] = identity;
            }

            Assert.Equal(key, QiwiNotificationKey.Compute(fields.AsEnumerable().Reverse().GroupBy(f => f.Key, StringComparer.Ordinal).Select(g => g.First())));
        }

        Assert.True(lone > 5000, "only " + lone + " notifications with a lone surrogate");
        Assert.True(byKey.Count < 19000, "too few repeats to tell equal notifications apart: " + byKey.Count);
    }

    /// <summary>The key as computed until lone surrogates were told apart: SHA-256 of the UTF-8 of the canonical text.</summary>
    private static string UntilNow(List<KeyValuePair<string, string>> fields)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Identity(fields)))).ToLowerInvariant();

    /// <summary>The notification's identity: the last value of each name, sorted by name, each length-prefixed.</summary>
    private static string Identity(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var last = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            last[field.Key] = field.Value;
        }

        return string.Concat(last.Select(f => f.Key.Length + ":" + f.Key + f.Value.Length + ":" + f.Value));
    }

    private static List<KeyValuePair<string, string>> Fields(Random random, bool wellFormed)
    {
        var count = random.Next(1, 4);
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < count; i++)
        {
            fields.Add(new(Text(random, wellFormed, 2), Text(random, wellFormed, 3)));
        }

        return fields;
    }

    private static string Text(Random random, bool wellFormed, int maxPieces)
    {
        var text = new StringBuilder();
        for (var n = random.Next(maxPieces + 1); n > 0; n--)
        {
            text.Append(Pieces[random.Next(wellFormed ? 8 : Pieces.Length)]);
        }

        return text.ToString();
    }

    private static bool IsWellFormed(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text;

    private static string Escape(string text) => string.Concat(text.Select(c => c < 128 ? c.ToString() : "\\u" + ((int)c).ToString("X4")));
}
