using System.Net;
using System.Text;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>Options are checked up front, and the password never shows: not in ToString, not in any exception.</summary>
public sealed class OptionsTests
{
    private const string Secret = "s3cr3t-P@ss-пароль";

    [Fact]
    public void Defaults_are_production_json_and_30_seconds()
    {
        var options = new QiwiClientOptions();

        Assert.Equal(new Uri("https://api.qiwi.com"), options.BaseUrl);
        Assert.Equal((string.Empty, string.Empty), (options.ApiId, options.ApiPassword));
        Assert.Equal(QiwiMediaType.Json, options.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    public static TheoryData<string, Action<QiwiClientOptions>> BadOptions() => new()
    {
        { "ApiId", o => o.ApiId = "" },
        { "ApiId", o => o.ApiId = "  " },
        { "ApiPassword", o => o.ApiPassword = "" },
        { "BaseUrl", o => o.BaseUrl = new Uri("/api", UriKind.Relative) },
        { "BaseUrl", o => o.BaseUrl = new Uri("https://api.qiwi.test/?region=ru") }, // every path would go into the query
        { "BaseUrl", o => o.BaseUrl = new Uri("https://api.qiwi.test/#top") },
        { "BaseUrl", o => o.BaseUrl = new Uri("https://23441234:" + Uri.EscapeDataString(Secret) + "@api.qiwi.test/") }, // would reach ToString
        { "BaseUrl", o => o.BaseUrl = new Uri("ftp://api.qiwi.test/") },
        { "SandboxBaseUrl", o => o.SandboxBaseUrl = new Uri("http://127.0.0.1:5080/?x") },
        { "Timeout", o => o.Timeout = TimeSpan.Zero },
        { "Timeout", o => o.Timeout = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_names_the_bad_option_without_showing_the_password(string option, Action<QiwiClientOptions> spoil)
    {
        var options = new QiwiClientOptions { ApiId = "23441234", ApiPassword = Secret };
        options.Validate();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);
        using var http = new HttpClient();
        var construct = Assert.Throws<ArgumentException>(() => new QiwiPipeline(http, options, TestResultCodes.Instance));

        Assert.Equal(option, error.ParamName);
        Assert.Equal(option, construct.ParamName);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_shows_the_options_but_masks_the_password()
    {
        var options = new QiwiClientOptions { BaseUrl = new Uri("https://sandbox.test/qiwi/"), ApiId = "23441234", ApiPassword = Secret, MediaType = QiwiMediaType.Xml, Timeout = TimeSpan.FromSeconds(7) };

        var text = options.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("ApiPassword = ***", text, StringComparison.Ordinal);
        Assert.Contains("https://sandbox.test/qiwi/", text, StringComparison.Ordinal);
        Assert.Contains("ApiId = 23441234", text, StringComparison.Ordinal);
        Assert.Contains("MediaType = Xml", text, StringComparison.Ordinal);
        Assert.Contains("Timeout = 00:00:07", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_exception_carries_the_password_or_the_authorization_header()
    {
        using var f = new PipelineFixture(apiId: "23441234", apiPassword: Secret, timeout: TimeSpan.FromSeconds(1));
        f.Handler
            .Respond(HttpStatusCode.Unauthorized, """{"response":{"result_code":150,"description":"Authorization failed"}}""", "application/json")
            .Respond(HttpStatusCode.BadGateway, "<html>502</html>", "text/html")
            .Fail(new HttpRequestException("Connection reset"))
            .Hang();

        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<QiwiApiException>(() => f.SendAsync(PipelineFixture.GetBill("B"))),
            await Assert.ThrowsAsync<QiwiProtocolException>(() => f.SendAsync(PipelineFixture.GetBill("B"))),
            await Assert.ThrowsAsync<QiwiTransportException>(() => f.SendAsync(PipelineFixture.GetBill("B"))),
        };
        var hanging = f.SendAsync(PipelineFixture.GetBill("B"));
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        errors.Add(await Assert.ThrowsAsync<QiwiTimeoutException>(() => hanging));

        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("23441234:" + Secret));
        Assert.Equal("Basic " + credentials, f.Handler.Requests[0].Headers["Authorization"]);
        foreach (var error in errors)
        {
            foreach (var text in new[] { error.Message, error.ToString() })
            {
                Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(credentials, text, StringComparison.Ordinal);
                Assert.DoesNotContain("Basic ", text, StringComparison.Ordinal);
            }
        }
    }
}
