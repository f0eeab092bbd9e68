using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Generated;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: the URL the payer comes back to. QIWI appends <c>order=&lt;bill id&gt;</c> to the merchant's successUrl or
/// failUrl, which may carry its own query and a fragment; the shop reads it back with <c>ParseCheckoutReturn</c>, from
/// the absolute URL or from the request's relative path and query. Every bill id the spec allows, in every such URL,
/// encoded either way a server may encode it, must come back exactly; the merchant's own parameters must come back
/// too; an <c>order</c> the spec's rules refuse must be a <see cref="FormatException"/>, never a bill id.
/// </summary>
public sealed class ReturnUrlTests
{
    // Characters that mean something in a URL, and text the bill id's pattern allows (tab, line ends, any Unicode
    // scalar but the C0 controls it names, U+FFFE and U+FFFF).
    private static readonly string[] Pieces =
    [
        "%", "+", "&", "=", "#", "?", "/", ".", "..", " ", "\t", "\n", "\r", ";", ",", "'", "\"", "<", ">", "\\", "%41", "%2F",
        "%%", "%G0", "a", "Z", "7", "é", "日本", "\u007F", "\u0085", "\u2028", "\uFFFD", "\U0001F600", "\U00010000",
    ];

    private static readonly string[] Merchants =
    [
        "https://shop.example/success",
        "https://shop.example/success?a=1&b=2",
        "https://shop.example/fail?",
        "https://shop.example/fail?x=y&",
        "http://shop.example:8080/r/ok?next=%2Fcart%3Fa%3D1#top",
        "https://shop.example/ok#section-2",
        "https://shop.example/ok?q=a+b#",
    ];

    [Fact]
    public void Every_bill_id_the_spec_allows_comes_back_from_every_return_url()
    {
        var random = new Random(20261126);
        var failures = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var id = BillId(random);
            var merchant = Merchants[random.Next(Merchants.Length)];
            var plus = random.Next(2) == 0;
            var url = WithOrder(merchant, id, plus);
            var expectedOwn = Own(merchant);
            foreach (var (form, uri) in Forms(url))
            {
                try
                {
                    var parsed = QiwiPullRedirects.ParseCheckoutReturn(uri);
                    var query = QiwiQuery.Parse(uri);
                    if (parsed.BillId != id)
                    {
                        failures.Add($"{form} {Show(url)}: bill id {Show(parsed.BillId)}, expected {Show(id)}");
                    }

                    foreach (var (name, value) in expectedOwn)
                    {
                        if (!query.TryGetValue(name, out var back) || back != value)
                        {
                            failures.Add($"{form} {Show(url)}: the merchant's '{name}' is {Show(back)}, expected {Show(value)}");
                        }
                    }
                }
                catch (Exception exception)
                {
                    failures.Add($"{form} {Show(url)}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures, the first: " + string.Join("\n", failures.Take(8)));
    }

    [Theory]
    [InlineData("https://shop.example/ok?order=")]
    [InlineData("https://shop.example/ok?a=1&order")]
    [InlineData("https://shop.example/ok?order=a%00b")]
    [InlineData("https://shop.example/ok?order=%01")]
    [InlineData("https://shop.example/ok?order=a%EF%BF%BEb")]
    [InlineData("https://shop.example/ok?order=%1F")]
    public void An_order_the_spec_refuses_is_a_format_exception(string url)
    {
        foreach (var (_, uri) in Forms(url))
        {
            var exception = Assert.Throws<FormatException>(() => QiwiPullRedirects.ParseCheckoutReturn(uri));
            Assert.Contains("'order'", exception.Message, StringComparison.Ordinal);
            Assert.False(QiwiPullRedirects.TryParseCheckoutReturn(uri, out var result));
            Assert.Null(result);
        }
    }

    [Fact]
    public void An_order_longer_than_the_spec_allows_is_a_format_exception_and_200_characters_are_read()
    {
        Assert.Equal(200, QiwiPullRedirects.ParseCheckoutReturn(new Uri("https://shop.example/ok?order=" + new string('7', 200))).BillId.Length);
        var exception = Assert.Throws<FormatException>(() => QiwiPullRedirects.ParseCheckoutReturn(new Uri("https://shop.example/ok?order=" + new string('7', 201))));
        Assert.Contains("'order'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_order_is_a_format_exception()
        => Assert.Throws<FormatException>(() => QiwiPullRedirects.ParseCheckoutReturn(new Uri("/ok?a=1#order=5", UriKind.Relative)));

    /// <summary>The URL as a shop meets it: absolute, and as the request's path and query (a relative URL), with and without its fragment.</summary>
    private static IEnumerable<(string Form, Uri Url)> Forms(string url)
    {
        yield return ("absolute", new Uri(url, UriKind.Absolute));
        var absolute = new Uri(url, UriKind.Absolute);
        var relative = url[(absolute.GetLeftPart(UriPartial.Authority).Length)..];
        yield return ("relative", new Uri(relative, UriKind.Relative));
        var hash = relative.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            yield return ("relative, no fragment", new Uri(relative[..hash], UriKind.Relative));
        }
    }

    /// <summary>What QIWI does (and the sandbox): <c>order</c> added to the query, before any fragment; the id escaped, a space as %20 or '+'.</summary>
    private static string WithOrder(string url, string billId, bool plus)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (head, fragment) = hash < 0 ? (url, string.Empty) : (url[..hash], url[hash..]);
        var separator = head.Contains('?', StringComparison.Ordinal) ? (head.EndsWith('?') || head.EndsWith('&') ? string.Empty : "&") : "?";
        var escaped = plus ? WebUtility.UrlEncode(billId) : Uri.EscapeDataString(billId);
        return head + separator + "order=" + escaped + fragment;
    }

    /// <summary>The merchant's own parameters, decoded.</summary>
    private static List<(string Name, string Value)> Own(string url)
    {
        var query = new Uri(url).Query.TrimStart('?');
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(pair => (Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty))
            .ToList();
    }

    private static string BillId(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 12);
        while (builder.Length == 0 || (count-- > 0 && builder.Length < 180))
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>The text quoted, with a control or non-ASCII character as its \\u escape (failure messages).</summary>
    internal static string Show(string? text)
        => text is null ? "(absent)" : "'" + string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "'";
}
