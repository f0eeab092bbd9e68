using Microsoft.Extensions.Configuration;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>The settings the sandbox prints, pasted as they are, give a client whose API calls and checkout links reach the sandbox.</summary>
public sealed class ClientSettingsTests
{
    [Fact]
    public async Task The_printed_appsettings_section_binds_to_a_client_that_talks_only_to_the_sandbox()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.CreateBillAsync("PASTE-1");
        var json = "{" + ClientSettings.Json(f.Host.BaseUrl, f.Host.Shop) + "}";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var options = configuration.GetSection("Qiwi").Get<QiwiPullClientOptions>()!;
        options.TimeProvider = f.Clock;
        using var http = new HttpClient();
        var client = new QiwiPullClient(http, options);

        var bill = await client.GetBillStatusAsync("PASTE-1");
        var checkout = client.Redirects.Checkout(f.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), "PASTE-1");

        Assert.Equal("PASTE-1", bill.BillId);
        Assert.Equal(f.Host.BaseUrl.AbsoluteUri + "form?shop=" + f.ShopId + "&transaction=PASTE-1", checkout.AbsoluteUri);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(checkout)).StatusCode);
    }

    [Fact]
    public void The_printed_code_names_every_setting_the_client_needs()
    {
        var shop = Qiwi.Sandbox.Shops.SandboxOptions.TestShop;

        var code = ClientSettings.CSharp(new Uri("http://127.0.0.1:5080"), shop);

        Assert.Equal($"new QiwiPullClientOptions {{ SandboxBaseUrl = new Uri(\"http://127.0.0.1:5080/\"), ShopId = {shop.ShopId}, ApiId = \"{shop.ApiId}\", ApiPassword = \"{shop.ApiPassword}\" }}", code);
    }
}
