using Qiwi.Runtime;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// The mistakes a newcomer makes on the README's quick start, against a real sandbox: each ends in an error that names
/// what to fix. The first one's message once said only "the response body is empty [HTTP 404]".
/// </summary>
public sealed class NewcomerMistakeTests
{
    private const string Comment = "Order 42";

    /// <summary>The docs' URLs read https://api.qiwi.com/api/v2/prv/{prv_id}/bills/{bill_id}; putting that prefix into the base URL doubles it.</summary>
    [Fact]
    public async Task The_api_path_in_the_sandbox_url_is_told_as_a_wrong_SandboxBaseUrl()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = new HttpClient();
        var options = Options(sandbox);
        options.UseSandbox(new Uri(sandbox.BaseUrl, "api/v2/prv/"));
        var client = new QiwiPullClient(http, options);

        var read = await Assert.ThrowsAsync<QiwiProtocolException>(() => client.GetBillStatusAsync("order-42"));
        Assert.Contains($"nothing serves this operation at SandboxBaseUrl = {sandbox.BaseUrl.AbsoluteUri}api/v2/prv/: check that setting", read.Message, StringComparison.Ordinal);

        // A write's outcome stays "unknown" (a 404 is no QIWI answer), and its message carries the hint of the failed status read.
        var write = await Assert.ThrowsAsync<QiwiOutcomeUnknownException>(() => client.CreateBillAsync("order-42", "tel:+79031234567", 10.00m, "RUB", Comment, DateTimeOffset.UtcNow.AddDays(2)));
        Assert.Contains("check that setting", write.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_missing_or_malformed_setting_is_named()
    {
        await using var sandbox = await SandboxHost.StartAsync();
        using var http = new HttpClient();

        var noShop = Options(sandbox);
        noShop.ShopId = null;
        Assert.Contains("ShopId is required", Refused(http, noShop), StringComparison.Ordinal);
        var noApiId = Options(sandbox);
        noApiId.ApiId = "";
        Assert.Contains("ApiId is required", Refused(http, noApiId), StringComparison.Ordinal);
        var noScheme = Options(sandbox);
        noScheme.UseSandbox(new Uri("localhost:5080"));
        Assert.Contains("SandboxBaseUrl must be an http or https URL", Refused(http, noScheme), StringComparison.Ordinal);

        var wrongPassword = Options(sandbox);
        wrongPassword.ApiPassword = "not-the-password";
        var refused = await Assert.ThrowsAsync<QiwiApiException>(() => new QiwiPullClient(http, wrongPassword).GetBillStatusAsync("order-42"));
        Assert.Equal(ResultCode.AuthorizationError, (ResultCode)refused.ResultCode);
        Assert.DoesNotContain("not-the-password", refused.ToString(), StringComparison.Ordinal);
    }

    private static string Refused(HttpClient http, QiwiPullClientOptions options)
        => Assert.Throws<ArgumentException>(() => new QiwiPullClient(http, options)).Message;

    private static QiwiPullClientOptions Options(SandboxHost sandbox) => new()
    {
        SandboxBaseUrl = sandbox.BaseUrl,
        ShopId = sandbox.Shop.ShopId,
        ApiId = sandbox.Shop.ApiId,
        ApiPassword = sandbox.Shop.ApiPassword,
    };
}
