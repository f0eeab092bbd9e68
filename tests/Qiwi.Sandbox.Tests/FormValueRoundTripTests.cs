using System.Text;
using Qiwi.Runtime;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A comment or merchant name the client accepts is sent as a form value, kept by the sandbox and read back in JSON
/// and in XML: it must come back exactly as given, or be refused with a typed error before or when it is sent,
/// never changed on the way (a '+' read as a space, a '%41' decoded twice, a newline normalized, a character XML
/// cannot hold breaking the status read of the invoice). Seeded values built from the characters each of those
/// layers treats specially.
/// </summary>
public sealed class FormValueRoundTripTests
{
    internal static readonly string[] Pieces =
    [
        "a", "Я", " ", "  ", "+", "&", "=", "%", "%41", "%2B", "%%", "#", ";", "?", "/", "\\", "\"", "'", "<", ">", "&amp;",
        "]]>", "\r\n", "\n", "\r", "\t", "\u0001", "\u001F", "\u007F", "\u0085", "\u00A0", "\u2028", "\uFEFF", "\uFFFE", "\uFFFF",
        "😀", "e\u0301", "\u200D", "{", "}", "$", "0", "-", "null", "true",
    ];

    [Theory]
    [InlineData(20261126)]
    [InlineData(5)]
    public Task A_comment_the_client_accepts_comes_back_exactly_in_json_and_xml(int seed)
        => RoundTripAsync(seed, (random, i) =>
        {
            var comment = Value(random, 255);
            return new Case("RT-" + seed + "-" + i, comment, random.Next(3) == 0 ? Value(random, 100) : null, comment, bill => bill.Comment);
        });

    [Theory]
    [InlineData(20261126)]
    [InlineData(6)]
    public Task A_bill_id_the_client_accepts_comes_back_exactly_in_json_and_xml(int seed)
        => RoundTripAsync(seed, (random, i) =>
        {
            var billId = i + Value(random, 190);
            return new Case(billId, "c", null, billId, bill => bill.BillId);
        });

    /// <summary>An invoice to create, the value under test (its bill id or its comment), and where a bill holds it.</summary>
    private sealed record Case(string BillId, string Comment, string? MerchantName, string Value, Func<Bill, string?> Read);

    private static async Task RoundTripAsync(int seed, Func<Random, int, Case> make)
    {
        await using var f = await SandboxFixture.StartAsync();
        var xml = f.CreateClient(QiwiMediaType.Xml);
        var random = new Random(seed);
        var stored = 0;
        for (var i = 0; i < 120; i++)
        {
            var next = make(random, i);
            Bill created;
            try
            {
                created = await f.Client.CreateBillAsync(next.BillId, "tel:+79031234567", 10m, "RUB", next.Comment, f.Tomorrow, merchantName: next.MerchantName);
            }
            catch (ArgumentException refused)
            {
                // Refused before sending: it must say which parameter, and nothing may exist.
                Assert.True(refused.ParamName is "billId" or "comment" or "merchantName", $"'{Show(next.Value)}': {refused.Message}");
                if (refused.ParamName != "billId")
                {
                    Assert.Equal(210, (await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.GetBillStatusAsync(next.BillId))).ResultCode);
                }

                continue;
            }

            stored++;
            foreach (var (where, bill) in new[] { ("create answered", created), ("JSON read", await f.Client.GetBillStatusAsync(next.BillId)), ("XML read", await xml.GetBillStatusAsync(next.BillId)) })
            {
                Assert.True(next.Read(bill) == next.Value, $"{where} '{Show(next.Read(bill))}' for '{Show(next.Value)}'");
            }
        }

        Assert.True(stored > 0, "every value was refused: the test would prove nothing");
    }

    internal static string Value(Random random, int maxLength)
    {
        var builder = new StringBuilder();
        for (int i = 0, count = random.Next(0, 12); i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.Length <= maxLength ? builder.ToString() : builder.ToString(0, maxLength);
    }

    internal static string Show(string? value)
        => value is null ? "(null)" : string.Concat(value.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
