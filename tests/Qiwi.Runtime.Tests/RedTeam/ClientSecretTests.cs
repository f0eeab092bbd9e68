using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// Red team: a server (or a proxy) that echoes the client's own credentials bare, without the "Basic" or
/// "Authorization:" around them that the excerpt's patterns catch, in a description, in a value a parser quotes,
/// or in a handler's exception: neither the password nor its Basic token reaches a message or ToString.
/// </summary>
public sealed class ClientSecretTests
{
    private static readonly string Token = Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientFixture.ApiId + ":" + ClientFixture.ApiPassword));

    public static TheoryData<string, string> Echoes() => new()
    {
        { "application/json", Docs.ErrorJson(150, "login {secret} refused") },
        { "application/json", Docs.ErrorJson(13, "{secret}") },
        { "application/xml", "<response><result_code>150</result_code><description>bad {secret}</description></response>" },
        { "application/json", Docs.BillPaidJson.Replace("\"amount\":\"10.00\"", "\"amount\":\"{secret}\"", StringComparison.Ordinal) },
        { "application/json", Docs.BillPaidJson.Replace("\"error\":0", "\"error\":\"{secret}\"", StringComparison.Ordinal) },
        { "application/xml", Docs.BillRejectedXml.Replace("<amount>10.00</amount>", "<amount>{secret}</amount>", StringComparison.Ordinal) },
        { "application/xml", Docs.BillRejectedXml.Replace("<status>rejected</status>", "<status>x</status><error>{secret}</error>", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task A_bare_echo_of_the_password_or_its_token_never_reaches_the_message_or_ToString(string contentType, string template)
    {
        foreach (var secret in new[] { ClientFixture.ApiPassword, Token })
        {
            using var f = new ClientFixture(maxAttempts: 1);
            f.Handler.Respond(HttpStatusCode.OK, template.Replace("{secret}", secret, StringComparison.Ordinal), contentType);

            var error = await Assert.ThrowsAnyAsync<QiwiException>(() => f.Client.GetBillStatusAsync("BILL-1"));

            AssertNoSecret(error);
            Assert.Equal(template.Replace("{secret}", "***", StringComparison.Ordinal), error switch { QiwiApiException a => a.RawBody, QiwiProtocolException p => p.RawBody, _ => string.Empty });
        }
    }

    /// <summary>
    /// Seeded bodies (a JSON error, a proxy's HTML page, XML, bytes that are not UTF-8, a body over the 1 MiB read
    /// limit) echoing the password and its token 0 to 5 times anywhere, on every operation kind: no property of any
    /// exception in the chain holds either (a structured logger writes out every property), and the body's bytes are
    /// exactly the received ones with each echo as <c>***</c> (a reference of its own: byte-for-byte Latin-1 text).
    /// </summary>
    [Fact]
    public async Task No_property_of_the_exception_holds_an_echoed_credential_and_the_body_is_otherwise_as_received()
    {
        var random = new Random(20261126);
        var latin1 = Encoding.Latin1;
        for (var round = 0; round < 300; round++)
        {
            var body = Body(random, round);
            var expected = latin1.GetBytes(latin1.GetString(body)
                .Replace(latin1.GetString(Encoding.UTF8.GetBytes(ClientFixture.ApiPassword)), "***", StringComparison.Ordinal)
                .Replace(latin1.GetString(Encoding.UTF8.GetBytes(Token)), "***", StringComparison.Ordinal));
            using var f = new ClientFixture(maxAttempts: 1);
            f.Handler.RespondBytes((HttpStatusCode)new[] { 200, 401, 500, 502 }[random.Next(4)], body, new[] { "application/json", "text/html", "application/xml", "text/plain" }[random.Next(4)]);

            var error = await Assert.ThrowsAnyAsync<QiwiException>(() => f.Client.GetBillStatusAsync("BILL-1"));

            AssertNoSecretAnywhere(error, $"round {round}");
            var raw = error switch { QiwiApiException a => a.RawBytes, QiwiProtocolException p => p.RawBytes, _ => null };
            if (raw is not null && body.Length <= 1 << 20)
            {
                Assert.True(expected.AsSpan().SequenceEqual(raw), $"round {round}: the body's bytes are not those received with each echo as ***");
            }
        }
    }

    private static byte[] Body(Random random, int round)
    {
        string Secret() => random.Next(2) == 0 ? ClientFixture.ApiPassword : Token;
        var echoes = Enumerable.Range(0, random.Next(6)).Select(_ => Secret()).ToList();
        var text = (round % 5) switch
        {
            0 => Docs.ErrorJson(150, string.Concat(echoes.Select(e => "x " + e))),
            1 => "<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Basic " + string.Join("\n", echoes) + "</pre></body></html>",
            2 => "<response><result_code>150</result_code><description>" + string.Join(string.Empty, echoes) + "</description></response>",
            3 => string.Join("\u0001", echoes) + "{\"response\":",
            _ => string.Join(" ", echoes),
        };
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        if (round % 5 == 3)
        {
            bytes.InsertRange(random.Next(bytes.Count + 1), new byte[] { 0xFF, 0xC3 }); // not UTF-8, and a lone lead byte
        }

        if (round % 7 == 6)
        {
            bytes.InsertRange(0, Encoding.UTF8.GetBytes(Secret()));
            bytes.AddRange(new byte[(1 << 20) + random.Next(100)]); // over the read limit: only its start is kept
        }

        return bytes.ToArray();
    }

    /// <summary>Every string, byte array and nested object of every public property of the exception and of all below it.</summary>
    private static void AssertNoSecretAnywhere(object root, string where)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            if (!seen.Add(value))
            {
                continue;
            }

            var text = value switch
            {
                string s => s,
                byte[] b => Encoding.Latin1.GetString(b),
                _ => null,
            };
            if (text is not null)
            {
                Assert.False(text.Contains(ClientFixture.ApiPassword, StringComparison.Ordinal) || text.Contains(Token, StringComparison.Ordinal), $"{where}: {path} holds a credential");
                continue;
            }

            if (value is System.Collections.IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        pending.Push((item, $"{path}[{i++}]"));
                    }
                }

                continue;
            }

            if (value is not Exception && value.GetType().Namespace?.StartsWith("Qiwi", StringComparison.Ordinal) != true)
            {
                continue;
            }

            foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && property.Name is not ("TargetSite" or "Data") && property.GetValue(value) is { } child)
                {
                    pending.Push((child, path + "." + property.Name));
                }
            }

            if (value is Exception exception)
            {
                pending.Push((exception.ToString(), path + ".ToString()"));
            }
        }
    }

    [Fact]
    public async Task A_handler_exception_quoting_the_token_bare_never_reaches_the_message_or_ToString()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Fail(new HttpRequestException("upstream said: " + Token, new InvalidOperationException("inner " + ClientFixture.ApiPassword)));

        var error = await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        AssertNoSecret(error);
    }

    [Fact]
    public async Task An_inner_exception_quoting_the_token_is_replaced_by_a_stand_in_and_one_quoting_nothing_is_kept()
    {
        var plain = new IOException("connection reset");
        var quoting = new HttpRequestException("upstream said: " + Token, plain);
        using (var f = new ClientFixture(maxAttempts: 1))
        {
            f.Handler.Fail(quoting);

            var error = await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.GetBillStatusAsync("BILL-1"));

            var standIn = Assert.IsType<QiwiRedactedException>(error.InnerException);
            Assert.Equal("System.Net.Http.HttpRequestException", standIn.OriginalType);
            Assert.Equal("upstream said: ***", standIn.Message);
            Assert.Equal(quoting.StackTrace, standIn.StackTrace);
            Assert.Equal(quoting.HResult, standIn.HResult);
            Assert.Same(plain, standIn.InnerException);
            Assert.Contains("HttpRequestException", error.Message, StringComparison.Ordinal);
        }

        var clean = new HttpRequestException("no route to host", plain);
        using (var f = new ClientFixture(maxAttempts: 1))
        {
            f.Handler.Fail(clean);

            var error = await Assert.ThrowsAsync<QiwiTransportException>(() => f.Client.GetBillStatusAsync("BILL-1"));

            Assert.Same(clean, error.InnerException);
        }
    }

    [Fact]
    public async Task An_outcome_unknown_refund_whose_attempt_echoed_the_password_keeps_it_out_of_ToString()
    {
        // The attempt's answer is garbled (the amount echoes the password): unknown; the status read fails too.
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", ClientFixture.ApiPassword))
            .Respond(HttpStatusCode.OK, Docs.RefundJson("REF1", Token));

        var error = await Assert.ThrowsAsync<QiwiOutcomeUnknownException>(() => f.WithClockRunning(() => f.Client.CreateRefundAsync("BILL-1", "REF1", 5m)));

        AssertNoSecret(error);
        AssertNoSecret(Assert.IsAssignableFrom<QiwiException>(error.StatusReadFailure));
    }

    /// <summary>
    /// Neither the message nor ToString, nor any exception below it: a structured logger (Application Insights,
    /// Serilog's exception destructuring) records every inner exception's own message and ToString.
    /// </summary>
    private static void AssertNoSecret(QiwiException error)
    {
        var texts = new List<string> { error.Message, error.ToString() };
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            texts.Add(inner.Message);
            texts.Add(inner.ToString());
        }

        foreach (var text in texts)
        {
            Assert.DoesNotContain(ClientFixture.ApiPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }
}
