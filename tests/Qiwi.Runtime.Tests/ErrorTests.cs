using System.Net;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests;

/// <summary>Result codes become one typed exception whatever the HTTP status; broken bodies another, with the raw body.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_non_zero_result_code_is_a_QiwiApiException_whatever_the_status(HttpStatusCode status)
    {
        using var f = new ClientFixture();
        f.Handler.Respond(status, Docs.Error150Json);

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(ResultCode.AuthorizationError, (ResultCode)error.ResultCode);
        Assert.Equal("Authorization failed", error.Description);
        Assert.True(error.IsFatal);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(Docs.Error150Json, error.RawBody);
        Assert.Equal("getBillStatus", error.OperationId);
        Assert.Contains("150", error.Message, StringComparison.Ordinal);
        Assert.Single(f.Handler.Requests);
    }

    [Fact]
    public async Task An_xml_error_is_read_too()
    {
        using var f = new ClientFixture(QiwiMediaType.Xml);
        f.Handler.Respond(HttpStatusCode.Unauthorized, Docs.Error341Xml, "text/xml");

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.CancelBillAsync("BILL-1"));

        Assert.Equal(ResultCode.RequiredParameterInvalid, (ResultCode)error.ResultCode);
        Assert.Equal("Authorization is failed", error.Description);
    }

    [Fact]
    public async Task An_unknown_result_code_is_kept_and_not_called_fatal()
    {
        using var f = new ClientFixture();
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(4242, "New error"));

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(4242, error.ResultCode);
        Assert.Null(error.IsFatal);
        Assert.Equal("New error", error.Description);
    }

    [Theory]
    [InlineData("", "text/json")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("""{"response":{"result_code":0,"bill":{"bill_id":"B""", "text/json")]
    [InlineData("""{"response":{"result_code":"abc"}}""", "application/json")]
    [InlineData("""{"response":{"result_code":0}}""", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("""{"response":{"result_code":0,"bill":{"bill_id":"B","amount":"ten","ccy":"RUB","status":"paid","error":0,"user":"tel:+1"}}}""", "application/json")]
    [InlineData("""{"response":{"result_code":0,"bill":{"amount":"1","ccy":"RUB","status":"paid","error":0,"user":"tel:+1"}}}""", "application/json")]
    [InlineData("<response><result_code>0</result_code><bill>", "text/xml")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><response><result_code>&e;</result_code></response>", "text/xml")]
    public async Task A_body_that_is_not_an_envelope_is_a_QiwiProtocolException_with_the_raw_body(string body, string contentType)
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.OK, body, contentType);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(body, error.RawBody);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(contentType, error.ContentType);
    }

    [Fact]
    public async Task Secrets_never_reach_messages_or_ToString()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.Unauthorized, Docs.Error150Json).Respond(HttpStatusCode.OK, "<html/>", "text/html");

        var api = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.GetBillStatusAsync("BILL-1"));
        var protocol = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));
        var authorization = f.Handler.Requests[0].Headers["Authorization"];

        foreach (var text in new[] { api.ToString(), api.Message, protocol.ToString(), f.Options.ToString() })
        {
            Assert.DoesNotContain(ClientFixture.ApiPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(authorization["Basic ".Length..], text, StringComparison.Ordinal);
        }

        Assert.Contains("ApiPassword = ***", f.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_is_a_QiwiTimeoutException_and_caller_cancellation_stays_a_cancellation()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Hang().Hang();

        var timeout = await Assert.ThrowsAsync<QiwiTimeoutException>(() => f.WithClockRunning(() => f.Client.GetBillStatusAsync("BILL-1")));
        Assert.Equal(TimeSpan.FromSeconds(30), timeout.Timeout);

        using var cancel = new CancellationTokenSource();
        var call = f.Client.GetBillStatusAsync("BILL-1", cancel.Token);
        await cancel.CancelAsync();
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancel.Token, cancelled.CancellationToken);
    }
}
