using System.Net;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.RedTeam;

/// <summary>
/// A newcomer who puts the API's path into the base URL (https://api.qiwi.com/api/v2/prv/, as the docs' URLs read) or
/// a path onto the sandbox's URL gets a 404 or 405 that is no QIWI answer. The message used to say only "the response
/// body is empty [HTTP 404]"; it now names the setting and its value. A QIWI answer sent with 404 stays what it is.
/// </summary>
public sealed class WrongEndpointTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, "", "text/plain")]
    [InlineData(HttpStatusCode.NotFound, "<html><body>404 Not Found</body></html>", "text/html")]
    [InlineData(HttpStatusCode.MethodNotAllowed, "", "text/plain")]
    [InlineData(HttpStatusCode.NotFound, """{"error":"not found"}""", "application/json")]
    public async Task A_404_or_405_that_is_no_envelope_names_the_base_url_setting_and_its_value(HttpStatusCode status, string body, string contentType)
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(status, body, contentType);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Contains("nothing serves this operation at BaseUrl = https://api.qiwi.test/: check that setting", error.Message, StringComparison.Ordinal);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(body, error.RawBody);
    }

    [Fact]
    public async Task With_a_sandbox_the_hint_names_SandboxBaseUrl_and_never_a_secret()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Options.UseSandbox(new Uri("http://127.0.0.1:5080/api/v2/prv/"));
        using var client = new HttpClient(f.Handler);
        var sandboxed = new QiwiPullClient(client, f.Options);
        f.Handler.Respond(HttpStatusCode.NotFound, "");

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => sandboxed.GetBillStatusAsync("BILL-1"));

        Assert.Contains("at SandboxBaseUrl = http://127.0.0.1:5080/api/v2/prv/: check that setting", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientFixture.ApiPassword, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html/>", "text/html")]
    [InlineData(HttpStatusCode.BadGateway, "", "text/plain")]
    [InlineData(HttpStatusCode.Unauthorized, "", "text/plain")]
    public async Task Other_statuses_keep_the_message_as_it_was(HttpStatusCode status, string body, string contentType)
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(status, body, contentType);

        var error = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.DoesNotContain("nothing serves this operation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_QIWI_answer_sent_with_404_is_the_result_code_it_carries()
    {
        using var f = new ClientFixture(maxAttempts: 1);
        f.Handler.Respond(HttpStatusCode.NotFound, Docs.ErrorJson(210, "Bill not found"));

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.Client.GetBillStatusAsync("BILL-1"));

        Assert.Equal(210, error.ResultCode);
        Assert.DoesNotContain("nothing serves this operation", error.Message, StringComparison.Ordinal);
    }
}
