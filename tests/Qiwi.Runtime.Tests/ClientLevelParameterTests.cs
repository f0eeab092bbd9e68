using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests;

/// <summary>
/// prv_id is client-level (x-qiwi-client-parameter): a setting of <see cref="QiwiPullClientOptions"/>, checked when the
/// client is built, sent in every path; the methods do not take it. The sandbox setting moves the API host.
/// </summary>
public sealed class ClientLevelParameterTests
{
    [Fact]
    public void A_client_without_the_setting_is_refused_naming_it()
    {
        using var http = new HttpClient();

        var exception = Assert.Throws<ArgumentException>(() => new QiwiPullClient(http, new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw" }));

        Assert.Equal("ShopId", exception.ParamName);
        Assert.Contains("ShopId is required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("prv_id", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void A_setting_that_breaks_the_spec_rule_is_refused_naming_it(long shopId)
    {
        using var http = new HttpClient();

        var exception = Assert.ThrowsAny<ArgumentException>(() => new QiwiPullClient(http, new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw", ShopId = shopId }));

        Assert.Equal("ShopId", exception.ParamName);
        Assert.Contains("at least 0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_with_plain_options_cannot_make_the_client()
    {
        using var http = new HttpClient();
        var pipeline = new QiwiPipeline(http, new QiwiClientOptions { ApiId = "1", ApiPassword = "pw" }, QiwiPullResultCodes.Instance);

        var exception = Assert.Throws<ArgumentException>(() => new QiwiPullClient(pipeline));

        Assert.Equal("pipeline", exception.ParamName);
        Assert.Contains(nameof(QiwiPullClientOptions), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_call_sends_the_setting_and_the_sandbox_receives_the_calls()
    {
        using var f = new ClientFixture();
        f.Options.UseSandbox(new Uri("http://127.0.0.1:5080/sb/"));
        f.Handler.Respond(System.Net.HttpStatusCode.OK, Docs.BillPaidJson);
        var client = new QiwiPullClient(f.Http, f.Options);

        await client.GetBillStatusAsync("BILL-1");

        Assert.Equal("http://127.0.0.1:5080/sb/api/v2/prv/373712/bills/BILL-1", Assert.Single(f.Handler.Requests).Uri.AbsoluteUri);
    }
}
