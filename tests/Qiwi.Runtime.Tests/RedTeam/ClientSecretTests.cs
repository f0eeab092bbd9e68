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

    private static void AssertNoSecret(QiwiException error)
    {
        foreach (var text in new[] { error.Message, error.ToString() })
        {
            Assert.DoesNotContain(ClientFixture.ApiPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }
}
