using System.Text;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: <c>format: uri</c> (the checkout's successUrl and failUrl). Seeded absolute URLs of many schemes, hosts,
/// paths, queries and fragments are taken as given; each of the slips made of them (the scheme dropped, a relative
/// path, a control character at any offset, white space at either end, a scheme that starts with a digit or holds a
/// character a scheme cannot) is refused naming the parameter; and what is taken is one .NET reads as absolute with
/// the scheme written (never a file path read as "file:").
/// </summary>
public sealed class AbsoluteUriGuardTests
{
    private static readonly string[] Schemes = ["http", "https", "HTTPS", "ftp", "app+x-y.z", "urn"];
    private static readonly string[] Hosts = ["shop.example", "127.0.0.1:5080", "[::1]:8443", "магазин.example", "user@shop.example"];
    private static readonly string[] Parts = ["/", "/ok", "/a/../b", "?a=1&b=2", "#top", "/%2F", "/my page", "/успех", "?next=%2Fcart", "/\U0001F600", ";x=1"];

    [Fact]
    public void Seeded_absolute_urls_are_taken_and_every_slip_made_of_them_is_refused()
    {
        var random = new Random(90210);
        var failures = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var scheme = Schemes[random.Next(Schemes.Length)];
            var rest = new StringBuilder(scheme == "urn" ? "isbn:0451450523" : "//" + Hosts[random.Next(Hosts.Length)]);
            for (var k = random.Next(4); k > 0; k--)
            {
                rest.Append(Parts[random.Next(Parts.Length)]);
            }

            var url = scheme + ":" + rest;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                Expect(url, false, failures);   // what .NET cannot read as a URI is none to send
                continue;
            }

            Expect(url, true, failures);
            if (!uri.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"'{url}' read with scheme {uri.Scheme}");
            }

            if (scheme != "urn")   // "isbn:..." without "urn:" is a URI of its own
            {
                Expect(rest.ToString(), false, failures);                               // the scheme dropped
                Expect("/" + rest.ToString().TrimStart('/'), false, failures);          // a path on the shop's own host
                Expect(rest.ToString().TrimStart('/'), false, failures);                // "shop.example/ok"
            }

            var at = random.Next(url.Length + 1);
            var control = (char)random.Next(0, 0x20) is var c && random.Next(5) == 0 ? '\u007F' : c;
            Expect(url.Insert(at, control.ToString()), false, failures);
            Expect(" " + url, false, failures);
            Expect(url + (random.Next(2) == 0 ? " " : "\u00A0"), false, failures);
            Expect(random.Next(10) + url, false, failures);
            Expect(scheme.Insert(random.Next(1, scheme.Length), "_") + ":" + rest, false, failures);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} wrong, the first:\n" + string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData("C:/shop/ok")]
    [InlineData("/success")]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("https:")]
    public void A_file_path_or_a_bare_scheme_is_no_return_address(string url)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => QiwiGuard.AbsoluteUri(url, "successUrl"));
        Assert.Equal("successUrl", exception.ParamName);
    }

    private static void Expect(string url, bool taken, List<string> failures)
    {
        var refused = Record.Exception(() => QiwiGuard.AbsoluteUri(url, "successUrl"));
        if (taken != refused is null)
        {
            failures.Add($"{Show(url)} was {(taken ? "refused: " + refused!.Message : "taken")}");
        }
        else if (refused is not null && (refused is not ArgumentException argument || argument.ParamName != "successUrl"))
        {
            failures.Add($"{Show(url)} refused with {refused.GetType().Name} naming {(refused as ArgumentException)?.ParamName}");
        }
    }

    private static string Show(string text) => ReturnUrlTests.Show(text);
}
