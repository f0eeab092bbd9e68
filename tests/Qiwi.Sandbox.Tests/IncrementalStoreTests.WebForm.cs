using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.Sandbox.Hosting;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The web form is a GET that issues an invoice: its answer, like any state-changing request's, goes out only once the
/// data file holds the invoice, however the path is spelt (routing matches paths whatever their case).
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Theory]
    [InlineData("order/external/create.action")]
    [InlineData("ORDER/External/Create.Action")]
    [InlineData("order/external/create.action/")]
    public async Task A_web_form_create_is_in_the_file_when_its_answer_comes_however_its_path_is_spelt(string path)
    {
        using var file = new DataFile();
        await using var app = SandboxApp.Build(["--Sandbox:DataFile=" + file.Path], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            var shop = Shops.SandboxOptions.TestShop;
            using var answer = await http.GetAsync($"{path}?from={shop.ShopId}&currency=RUB&to=%2B79031234567&summ=1.50&txn_id=WF-CASE");
            Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, answer.StatusCode.ToString());
            Assert.Equal(1, Count(file.Path, "sandbox_invoice"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
