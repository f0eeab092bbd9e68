using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Persistence;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// A client that gives up while its answer waits for the commit: the change is committed all the same (the commit is
/// not tied to the request's abort), the sandbox answers the next request, and it stops without waiting on anything.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Fact]
    public async Task A_client_gone_while_its_answer_waits_for_the_commit_leaves_its_change_in_the_file_and_nothing_hung()
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
            var store = app.Services.GetRequiredService<SandboxStore>();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var shop = Shops.SandboxOptions.TestShop;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(shop.ApiId + ":" + shop.ApiPassword)));
            Task<HttpResponseMessage> Create(string bill, CancellationToken cancel = default) => http.PutAsync($"api/v2/prv/{shop.ShopId}/bills/{bill}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["user"] = "tel:+79031234567", ["amount"] = "10.00", ["ccy"] = "RUB", ["comment"] = "gone", ["lifetime"] = "2099-01-01T00:00:00",
            }), cancel);

            using var entered = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            store.BeforeCommit = () =>
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            };
            using var giveUp = new CancellationTokenSource();
            var gone = Create("GONE-1", giveUp.Token);
            Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the commit began");
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
            store.BeforeCommit = null;
            release.Set();

            using (var next = await Create("GONE-2"))
            {
                Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            }

            Assert.Equal(2, Count(file.Path, "sandbox_invoice"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
