using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: ids and amounts a caller may pass. What the spec allows is sent as exactly one path segment that the
/// server decodes back to the id; what it does not, or what has no UTF-8 form, is refused before anything is sent.
/// </summary>
public sealed class PathArgumentTests
{
    private const string Prefix = "/api/v2/prv/373712/bills/";

    public static TheoryData<string> HostileIds() => new()
    {
        "a/b", "..", ".", "../..", "%2F", "%2e%2E", "x?y#z", "100%", " ", "\t", "a\r\nHost: evil", "\u007F\u0085\u2028",
        "\U0001F600", "日本", "+", "a;b=c", "\\..\\", new string('.', 200), "\uD83D\uDE00x",
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task A_bill_id_the_spec_allows_is_one_escaped_segment_that_decodes_back_to_it(string billId)
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Docs.BillPaidJsonFor(billId));

        var bill = await f.Client.GetBillStatusAsync(billId);

        Assert.Equal(billId, bill.BillId);
        AssertOneSegment(Assert.Single(f.Handler.Requests).Uri, Prefix, billId);
    }

    [Fact]
    public async Task Seeded_random_ids_and_refund_ids_are_each_one_segment_or_refused_before_sending()
    {
        var random = new Random(2026_1126);
        const string Alphabet = "aZ09/.%?#&=+ ;:@!$'()*,[]\\\t\r\n\0\u0001\u00e9\u2028\uFFFF\uD83D\uDE00\uD800\uDC00";
        for (var i = 0; i < 400; i++)
        {
            var billId = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            using var f = new ClientFixture(maxAttempts: 1);
            f.Handler.Respond(HttpStatusCode.OK, Docs.RefundJson("R1"));

            var error = await Record.ExceptionAsync(() => f.Client.CreateRefundAsync(billId, "R1", 5m));

            if (billId.Length == 0 || HasLoneSurrogate(billId) || billId.Any(c => c is < '\t' or '\v' or '\f' or (> '\r' and < ' ') or '\uFFFE' or '\uFFFF'))
            {
                Assert.IsAssignableFrom<ArgumentException>(error);
                Assert.Empty(f.Handler.Requests);
                continue;
            }

            Assert.Null(error);
            var uri = Assert.Single(f.Handler.Requests).Uri;
            AssertOneSegment(new Uri(uri.OriginalString[..uri.OriginalString.LastIndexOf("/refund/", StringComparison.Ordinal)]), Prefix, billId);
            Assert.EndsWith("/refund/R1", uri.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bill_id_with_a_lone_surrogate_is_refused_before_sending_it_would_name_another_invoice()
    {
        // Sent, "a\uD800" became "a\uFFFD": another merchant id's invoice, refunded and reported as this one's success.
        foreach (var billId in new[] { "a\uD800", "\uDC00b", "x\uDE00\uD83D", "\uD83D" })
        {
            using var f = new ClientFixture(maxAttempts: 1);
            f.Handler.Respond(HttpStatusCode.OK, Docs.RefundJson("R1"));

            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => f.Client.CreateRefundAsync(billId, "R1", 5m));

            // The spec's rule for bill ids (text XML can carry) refuses it first; the encoding refuses it too.
            Assert.Equal("billId", error.ParamName);
            Assert.Empty(f.Handler.Requests);
            Assert.Contains("lone surrogate", Assert.Throws<ArgumentException>(() => QiwiUrlEncoding.PathSegment(billId)).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("a\u0001b")]
    [InlineData("\u001F")]
    [InlineData("x\uFFFF")]
    [InlineData("\uFFFE")]
    public async Task A_bill_id_xml_cannot_carry_is_refused_before_sending(string billId)
    {
        // Every answer about an invoice carries its id; XML 1.0 cannot hold these characters even escaped.
        using var f = new ClientFixture(maxAttempts: 1);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => f.Client.GetBillStatusAsync(billId));

        Assert.Equal("billId", error.ParamName);
        Assert.Empty(f.Handler.Requests);
    }

    [Fact]
    public void A_redirect_for_a_bill_id_with_a_lone_surrogate_is_refused_it_would_send_the_payer_to_another_invoice()
    {
        // Was: transaction=x%EF%BF%BD, the checkout of the invoice "x\uFFFD".
        using var f = new ClientFixture();
        foreach (var billId in new[] { "x\uD800", "\uDC00" })
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => f.Client.Redirects.Checkout("373712", billId));
            Assert.Equal("billId", error.ParamName);
            Assert.ThrowsAny<ArgumentException>(() => f.Client.Redirects.LegacyCheckout("373712", billId));

            // The builder refuses it too, whatever the parameter's own rule.
            var built = Assert.Throws<ArgumentException>(() => new QiwiUrlBuilder("https://oplata.qiwi.com", "/form").Add("transaction", billId));
            Assert.Contains("'transaction'", built.Message, StringComparison.Ordinal);
        }

        Assert.EndsWith("transaction=x%F0%9F%98%80", f.Client.Redirects.Checkout("373712", "x\uD83D\uDE00").AbsoluteUri, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, decimal> BadArguments() => new()
    {
        { string.Empty, "R1", 5m },
        { new string('b', 201), "R1", 5m },
        { "B", string.Empty, 5m },
        { "B", "R1\n", 5m },
        { "B", "R/1", 5m },
        { "B", "ЯR1", 5m },
        { "B", "R12345678X", 5m },
        { "B", "R1", 0m },
        { "B", "R1", -5m },
        { "B", "R1", 0.009m },
        { "B", "R1", -0.001m },
        { "B", "R1", decimal.MinValue },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_id_or_amount_is_refused_before_anything_is_sent(string billId, string refundId, decimal amount)
    {
        using var f = new ClientFixture(maxAttempts: 1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => f.Client.CreateRefundAsync(billId, refundId, amount));
        if (amount >= 0.01m)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => f.Client.GetRefundStatusAsync(billId, refundId));
        }

        Assert.Empty(f.Handler.Requests);
    }

    private static void AssertOneSegment(Uri uri, string prefix, string id)
    {
        var path = uri.OriginalString[uri.OriginalString.IndexOf(prefix, StringComparison.Ordinal)..][prefix.Length..];
        Assert.DoesNotContain('/', path);
        Assert.DoesNotContain('?', path);
        Assert.DoesNotContain('#', path);
        Assert.NotEqual(".", path);
        Assert.NotEqual("..", path);
        Assert.Equal(id, Uri.UnescapeDataString(path));
        Assert.All(path, c => Assert.True(c is > ' ' and < (char)0x7F, $"'{path}' has an unescaped character"));
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
