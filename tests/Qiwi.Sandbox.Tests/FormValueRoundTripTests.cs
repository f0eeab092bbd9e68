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
    public async Task A_comment_the_client_accepts_comes_back_exactly_in_json_and_xml(int seed)
    {
        await using var f = await SandboxFixture.StartAsync();
        var xml = f.CreateClient(QiwiMediaType.Xml);
        var random = new Random(seed);
        var stored = 0;
        for (var i = 0; i < 120; i++)
        {
            var comment = Value(random, 255);
            var name = random.Next(3) == 0 ? Value(random, 100) : null;
            var billId = "RT-" + seed + "-" + i;
            Bill created;
            try
            {
                created = await f.Client.CreateBillAsync(billId, "tel:+79031234567", 10m, "RUB", comment, f.Tomorrow, merchantName: name);
            }
            catch (ArgumentException refused)
            {
                // Refused before sending: it must say which parameter, and nothing may exist.
                Assert.True(refused.ParamName is "comment" or "merchantName", $"'{Show(comment)}': {refused.Message}");
                var missing = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.GetBillStatusAsync(billId));
                Assert.Equal(210, missing.ResultCode);
                continue;
            }

            stored++;
            Assert.True(created.Comment == comment, $"create answered '{Show(created.Comment)}' for '{Show(comment)}'");
            var json = await f.Client.GetBillStatusAsync(billId);
            Assert.True(json.Comment == comment, $"JSON read '{Show(json.Comment)}' for '{Show(comment)}'");
            var read = await xml.GetBillStatusAsync(billId);
            Assert.True(read.Comment == comment, $"XML read '{Show(read.Comment)}' for '{Show(comment)}'");
        }

        Assert.True(stored > 0, "every value was refused: the test would prove nothing");
    }

    [Theory]
    [InlineData(20261126)]
    [InlineData(6)]
    public async Task A_bill_id_the_client_accepts_comes_back_exactly_in_json_and_xml(int seed)
    {
        await using var f = await SandboxFixture.StartAsync();
        var xml = f.CreateClient(QiwiMediaType.Xml);
        var random = new Random(seed);
        var stored = 0;
        for (var i = 0; i < 120; i++)
        {
            var billId = i + Value(random, 190);
            Bill created;
            try
            {
                created = await f.Client.CreateBillAsync(billId, "tel:+79031234567", 10m, "RUB", "c", f.Tomorrow);
            }
            catch (ArgumentException refused)
            {
                Assert.True(refused.ParamName == "billId", $"'{Show(billId)}': {refused.Message}");
                continue;
            }

            stored++;
            Assert.True(created.BillId == billId, $"create answered '{Show(created.BillId)}' for '{Show(billId)}'");
            var json = await f.Client.GetBillStatusAsync(billId);
            Assert.True(json.BillId == billId, $"JSON read '{Show(json.BillId)}' for '{Show(billId)}'");
            var read = await xml.GetBillStatusAsync(billId);
            Assert.True(read.BillId == billId, $"XML read '{Show(read.BillId)}' for '{Show(billId)}'");
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
