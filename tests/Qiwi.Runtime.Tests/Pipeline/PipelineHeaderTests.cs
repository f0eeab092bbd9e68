using System.Net;
using System.Runtime.InteropServices;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>The policies' headers, as the server receives them.</summary>
public sealed class PipelineHeaderTests
{
    private const string Ok = """{"response":{"result_code":0,"bill":{"bill_id":"B"}}}""";

    [Theory]
    [InlineData("Aladdin", "open sesame", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")] // RFC 7617, section 2
    [InlineData("test", "123£", "Basic dGVzdDoxMjPCow==")] // RFC 7617, section 2.1: UTF-8
    [InlineData("23441234", "пароль", "Basic MjM0NDEyMzQ60L/QsNGA0L7Qu9GM")]
    public async Task Authorization_is_basic_with_the_utf8_bytes_of_id_colon_password(string apiId, string password, string expected)
    {
        using var f = new PipelineFixture(apiId: apiId, apiPassword: password);
        f.Handler.Respond(HttpStatusCode.OK, Ok);

        await f.SendAsync(PipelineFixture.GetBill("B"));

        Assert.Equal(expected, f.Handler.Requests[0].Headers["Authorization"]);
    }

    [Theory]
    [InlineData(QiwiMediaType.Json, "application/json")]
    [InlineData(QiwiMediaType.Xml, "application/xml")]
    public async Task Accept_follows_the_media_type_option(QiwiMediaType mediaType, string expected)
    {
        using var f = new PipelineFixture(mediaType);
        f.Handler.Respond(HttpStatusCode.OK, Ok, "application/json");

        await f.SendAsync(PipelineFixture.GetBill("B"));

        Assert.Equal(expected, f.Handler.Requests[0].Headers["Accept"]);
    }

    [Fact]
    public async Task User_agent_names_the_toolkit_its_version_and_the_runtime()
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, Ok);

        await f.SendAsync(PipelineFixture.GetBill("B"));

        var userAgent = f.Handler.Requests[0].Headers["User-Agent"];
        Assert.Equal($"Qiwi.Toolkit/0.1.0 ({RuntimeInformation.FrameworkDescription})", userAgent);
        Assert.Matches(@"^Qiwi\.Toolkit/\d+\.\d+\.\d+ \(\.NET \d+\.\d+\.\d+.*\)$", userAgent);
        Assert.Equal(userAgent, UserAgentPolicy.UserAgent);
    }

    [Fact]
    public async Task A_form_is_sent_as_urlencoded_utf8_and_a_get_has_no_body()
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, Ok).Respond(HttpStatusCode.OK, Ok).Respond(HttpStatusCode.OK, Ok);

        await f.SendAsync(PipelineFixture.CreateBill("B", ("amount", "10.00")));
        await f.SendAsync(PipelineFixture.CreateBill("B"));
        await f.SendAsync(PipelineFixture.GetBill("B"));

        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", f.Handler.Requests[0].ContentType);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", f.Handler.Requests[1].ContentType);
        Assert.Equal(string.Empty, f.Handler.Requests[1].Body);
        Assert.Null(f.Handler.Requests[2].ContentType);
        Assert.Null(f.Handler.Requests[2].Body);
    }

    [Fact]
    public async Task Headers_added_by_generated_code_are_sent_and_policies_keep_theirs()
    {
        using var f = new PipelineFixture();
        f.Handler.Respond(HttpStatusCode.OK, Ok);
        var request = PipelineFixture.GetBill("B");
        request.AddHeader("X-Api-Signature", "abc=");

        await f.SendAsync(request);

        var headers = f.Handler.Requests[0].Headers;
        Assert.Equal("abc=", headers["X-Api-Signature"]);
        Assert.StartsWith("Basic ", headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal([("X-Api-Signature", "abc=")], request.Headers.Select(h => (h.Key, h.Value)));
    }
}
