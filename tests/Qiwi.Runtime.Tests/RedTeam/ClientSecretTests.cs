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
            Assert.Contains(secret, error switch { QiwiApiException a => a.RawBody, QiwiProtocolException p => p.RawBody, _ => string.Empty }, StringComparison.Ordinal);
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
