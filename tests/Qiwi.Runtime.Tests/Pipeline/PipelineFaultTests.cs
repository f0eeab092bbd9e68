using System.Net;
using System.Net.Sockets;
using System.Text;
using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>Whatever the handler or the body does, the caller gets a runtime exception with the bytes as received and no secret in its text.</summary>
public sealed class PipelineFaultTests
{
    public static TheoryData<string> HandlerFailures() => new() { "Socket", "InvalidOperation", "Null", "ForeignCancellation", "NullReference" };

    [Theory]
    [MemberData(nameof(HandlerFailures))]
    public async Task Anything_a_custom_handler_throws_or_returns_becomes_a_QiwiTransportException(string kind)
    {
        using var f = new PipelineFixture();
        _ = kind switch
        {
            "Socket" => f.Handler.Fail(new SocketException((int)SocketError.ConnectionReset)),
            "InvalidOperation" => f.Handler.Fail(new InvalidOperationException("handler bug")),
            "Null" => f.Handler.Answer(_ => null),
            "ForeignCancellation" => f.Handler.Fail(new TaskCanceledException("HttpClient.Timeout")),
            _ => f.Handler.Fail(new NullReferenceException()),
        };

        var error = await Assert.ThrowsAnyAsync<QiwiException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        // A cancellation that is not the caller's (HttpClient.Timeout) is a timeout; everything else a transport failure.
        Assert.IsType(kind == "ForeignCancellation" ? typeof(QiwiTimeoutException) : typeof(QiwiTransportException), error);
        Assert.Equal("getBillStatus", error.OperationId);
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_kept_byte_for_byte()
    {
        var html = new byte[] { 0x3C, 0x62, 0x3E, 0xFF, 0xFE, 0xC3, 0x28, 0x3C, 0x2F, 0x62, 0x3E };
        var json = Encoding.UTF8.GetBytes("""{"response":{"result_code":5,"description":"x""").Concat(new byte[] { 0xC0, 0xAF }).Concat(Encoding.UTF8.GetBytes("\"}}")).ToArray();
        using var f = new PipelineFixture();
        f.Handler.RespondBytes(HttpStatusCode.BadGateway, html, "text/html").RespondBytes(HttpStatusCode.OK, json, "application/json");

        var page = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.SendAsync(PipelineFixture.GetBill("B")));
        var envelope = await Assert.ThrowsAsync<QiwiProtocolException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.Equal(html, page.RawBytes);
        Assert.Equal(json, envelope.RawBytes);
        Assert.NotEqual(html, Encoding.UTF8.GetBytes(page.RawBody)); // the text is lossy; the bytes are not
    }

    public static TheoryData<string, string> EchoedAuthorization() => new()
    {
        { "text/html", "<html><pre>GET /api\r\nAuthorization: {auth}\r\n</pre></html>" },
        { "application/json", """{"response":{"result_code":13,"description":"proxy saw Authorization: {auth}"}}""" },
        { "application/json", """{"response":{"result_code":"{auth}"}}""" },
        { "application/json", """{"response":{"result_code":0,"bill":{"bill_id":"B","amount":"{auth}","ccy":"RUB","status":"paid","error":0,"user":"tel:+7"}}}""" },
        { "application/xml", "<response><result_code>{auth}</result_code></response>" },
    };

    [Theory]
    [MemberData(nameof(EchoedAuthorization))]
    public async Task A_proxy_echoing_the_Authorization_header_never_puts_it_into_the_message_or_ToString(string contentType, string template)
    {
        using var f = new PipelineFixture(apiPassword: "s3cret-Pa55word");
        f.Handler.Answer(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(template.Replace("{auth}", request.Headers.Authorization!.ToString(), StringComparison.Ordinal), Encoding.UTF8, contentType),
        });
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(PipelineFixture.ApiId + ":s3cret-Pa55word"));

        var error = await Assert.ThrowsAnyAsync<QiwiException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
        var raw = error switch { QiwiApiException a => a.RawBody, QiwiProtocolException p => p.RawBody, _ => string.Empty };
        Assert.Contains("Basic ***", raw, StringComparison.Ordinal); // the body stays in its own property, but for the client's credentials
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_description_is_quoted_as_a_short_excerpt()
    {
        using var f = new PipelineFixture();
        var description = new string('x', 5000);
        f.Handler.Respond(HttpStatusCode.OK, Docs.ErrorJson(5, description), "application/json");

        var error = await Assert.ThrowsAsync<QiwiApiException>(() => f.SendAsync(PipelineFixture.GetBill("B")));

        Assert.True(error.Message.Length < 300, error.Message);
        Assert.Equal(description, error.Description);
    }
}
