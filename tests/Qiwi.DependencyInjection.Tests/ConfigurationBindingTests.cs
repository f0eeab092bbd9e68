using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: section <c>Qiwi</c> of appsettings and the command line, bound as the README binds it, in a real host
/// (ValidateOnStart): what binds is what is sent, and a slip of configuration text fails the start naming the key,
/// never quoting a secret.
/// </summary>
public sealed class ConfigurationBindingTests
{
    private static string Json(object qiwi) => JsonSerializer.Serialize(new { Qiwi = qiwi });

    [Fact]
    public async Task Seeded_passwords_with_equals_colons_quotes_and_unicode_reach_the_authorization_header_unchanged_from_json_and_command_line()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 40; i++)
        {
            var (apiId, password) = (SeededSecrets.ApiId(random), SeededSecrets.Password(random));
            var handler = new RecordingHandler();
            var fromArgs = i % 2 == 1; // the command line overrides the JSON's stand-in
            var json = Json(new { ShopId = 373712, ApiId = apiId, ApiPassword = fromArgs ? "stand-in" : password, BaseUrl = "https://api.qiwi.test" });
            using var host = await ConfiguredHost.StartAsync(json, handler, fromArgs ? ["--Qiwi:ApiPassword=" + password] : []);

            await host.Services.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B" + i);

            var seen = Assert.Single(handler.Requests);
            Assert.True(RecordingHandler.Token(apiId, password) == seen.BasicToken, $"seed 20261126 case {i}: the header is not Base64(ApiId:ApiPassword) of the configured password");
        }
    }

    [Theory]
    [InlineData("https://api.qiwi.test", "https://api.qiwi.test/api/v2/prv/373712/bills/B1")]
    [InlineData("https://api.qiwi.test/", "https://api.qiwi.test/api/v2/prv/373712/bills/B1")]
    [InlineData("https://gw.qiwi.test/partner", "https://gw.qiwi.test/partner/api/v2/prv/373712/bills/B1")]
    [InlineData("https://gw.qiwi.test/partner/", "https://gw.qiwi.test/partner/api/v2/prv/373712/bills/B1")]
    [InlineData(" https://gw.qiwi.test/partner/ ", "https://gw.qiwi.test/partner/api/v2/prv/373712/bills/B1")]
    public async Task A_base_url_with_or_without_a_trailing_slash_or_path_prefix_gives_one_request_url(string baseUrl, string expected)
    {
        var handler = new RecordingHandler();
        using var host = await ConfiguredHost.StartAsync(Json(new { ShopId = " 373712 ", ApiId = "1", ApiPassword = "pw", BaseUrl = baseUrl }), handler);

        await host.Services.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B1");

        Assert.Equal(expected, Assert.Single(handler.Requests).Url.AbsoluteUri);
    }

    public static TheoryData<string, string, string> Slips => new()
    {
        // setting as written in appsettings, the key the error must name, what it must say
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value\n"}""", "ApiPassword", "line break" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value\r\n"}""", "ApiPassword", "line break" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": " s3cret-value"}""", "ApiPassword", "white space" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret\u0000value"}""", "ApiPassword", "control characters" },
        { """{"ShopId": 1, "ApiId": " 23441234", "ApiPassword": "s3cret-value"}""", "ApiId", "white space" },
        { """{"ShopId": 1, "ApiId": "23441234\n", "ApiPassword": "s3cret-value"}""", "ApiId", "white space" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value", "Timeout": "30"}""", "Timeout", "30.00:00:00" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value", "Retry": {"BaseDelay": "1", "MaxDelay": "8"}}""", "Retry.BaseDelay", "bare number" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value", "Retry": {"MaxDelay": "8"}}""", "Retry.MaxDelay", "bare number" },
        { """{"ShopId": 1, "ApiId": "", "ApiPassword": "s3cret-value"}""", "ApiId", "required" },
        { """{"ApiId": "1", "ApiPassword": "s3cret-value"}""", "ShopId", "required" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value", "BaseUrl": "api.qiwi.com"}""", "BaseUrl", "absolute" },
        { """{"ShopId": 1, "ApiId": "1", "ApiPassword": "s3cret-value", "SandboxBaseUrl": "http://u:s3cret-value@127.0.0.1:5080/"}""", "SandboxBaseUrl", "user info" },
    };

    [Theory]
    [MemberData(nameof(Slips))]
    public async Task A_slip_of_configuration_text_fails_the_start_naming_the_key_and_never_the_secret(string section, string key, string says)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => ConfiguredHost.StartAsync("{\"Qiwi\": " + section + "}", new RecordingHandler()));

        Assert.Contains("QIWI client 'QiwiPull': " + key, exception.Message, StringComparison.Ordinal);
        Assert.Contains(says, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ShopId", "\"abc\"")]
    [InlineData("Timeout", "\"thirty\"")]
    [InlineData("MediaType", "\"yaml\"")]
    [InlineData("Timeout", "\"\"")]
    public async Task A_value_of_the_wrong_type_fails_the_start_naming_its_path(string key, string value)
    {
        var section = "{\"ApiId\": \"1\", \"ApiPassword\": \"s3cret-value\", " + (key == "ShopId" ? string.Empty : "\"ShopId\": 1, ") + "\"" + key + "\": " + value + "}";

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => ConfiguredHost.StartAsync("{\"Qiwi\": " + section + "}", new RecordingHandler()));

        Assert.Contains("'Qiwi:" + key + "'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Retry", "null")]
    [InlineData("Retry", "\"\"")]
    [InlineData("SandboxBaseUrl", "\"\"")]
    [InlineData("SandboxBaseUrl", "null")]
    public async Task A_null_or_empty_section_or_url_keeps_the_default(string key, string value)
    {
        var handler = new RecordingHandler();
        using var host = await ConfiguredHost.StartAsync("{\"Qiwi\": {\"ShopId\": 1, \"ApiId\": \"1\", \"ApiPassword\": \"pw\", \"BaseUrl\": \"https://api.qiwi.test\", \"" + key + "\": " + value + "}}", handler);

        var options = host.Services.GetRequiredService<IOptionsMonitor<QiwiPullClientOptions>>().Get("QiwiPull");
        Assert.Equal((3, (Uri?)null), (options.Retry.MaxAttempts, options.SandboxBaseUrl));
        await host.Services.GetRequiredService<IQiwiPullClient>().GetBillStatusAsync("B1");
        Assert.Equal("api.qiwi.test", Assert.Single(handler.Requests).Url.Host);
    }

    [Fact]
    public async Task A_timeout_longer_than_httpclients_own_100_seconds_is_the_one_bound_of_an_attempt()
    {
        var handler = new RecordingHandler();
        using var host = await ConfiguredHost.StartAsync(Json(new { ShopId = 1, ApiId = "1", ApiPassword = "pw", Timeout = "00:05:00" }), handler);

        // The named HttpClient's own timeout would end a 5-minute attempt at 100 s, as a transport failure.
        Assert.Equal(Timeout.InfiniteTimeSpan, host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("QiwiPull").Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), host.Services.GetRequiredService<IOptionsMonitor<QiwiPullClientOptions>>().Get("QiwiPull").Timeout);
    }

    [Fact]
    public async Task An_infinite_timeout_keeps_httpclients_own_as_the_backstop()
    {
        using var host = await ConfiguredHost.StartAsync(Json(new { ShopId = 1, ApiId = "1", ApiPassword = "pw", Timeout = "-00:00:00.001" }), new RecordingHandler());

        Assert.Equal(Timeout.InfiniteTimeSpan, host.Services.GetRequiredService<IOptionsMonitor<QiwiPullClientOptions>>().Get("QiwiPull").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("QiwiPull").Timeout);
    }
}
