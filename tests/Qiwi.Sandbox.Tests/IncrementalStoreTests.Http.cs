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
/// The data file behind HTTP: a create whose commit fails gets 500 and its repeat one row; the web form (a GET that
/// issues an invoice) is in the file when its answer comes, however its path is spelt (routing matches paths whatever
/// their case); a client that gives up while its answer waits for the commit leaves its change in the file (the commit
/// is not tied to the request's abort) and the next request is answered.
/// </summary>
public sealed partial class IncrementalStoreTests
{
    [Fact]
    public async Task Over_http_a_request_whose_commit_fails_gets_500_and_its_repeat_gets_the_invoice_once()
    {
        using var file = new DataFile();
        await using var sandbox = await HttpSandbox.StartAsync(file.Path);
        sandbox.Store.BeforeCommit = () => throw new IOException("injected: disk full");
        using (var failed = await sandbox.Create("G-1"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);   // ambiguous to the client: it repeats
        }

        Assert.Equal(0, Count(file.Path, "sandbox_invoice"));
        sandbox.Store.BeforeCommit = null;
        using (var repeated = await sandbox.Create("G-1"))
        {
            Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
            Assert.Contains("\"result_code\":0", await repeated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, Count(file.Path, "sandbox_invoice"));
    }

    [Theory]
    [InlineData("order/external/create.action")]
    [InlineData("ORDER/External/Create.Action")]
    [InlineData("order/external/create.action/")]
    public async Task A_web_form_create_is_in_the_file_when_its_answer_comes_however_its_path_is_spelt(string path)
    {
        using var file = new DataFile();
        await using var sandbox = await HttpSandbox.StartAsync(file.Path);
        using var answer = await sandbox.Http.GetAsync($"{path}?from={sandbox.Shop.ShopId}&currency=RUB&to=%2B79031234567&summ=1.50&txn_id=WF-CASE");
        Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, answer.StatusCode.ToString());
        Assert.Equal(1, Count(file.Path, "sandbox_invoice"));
    }

    [Fact]
    public async Task A_client_gone_while_its_answer_waits_for_the_commit_leaves_its_change_in_the_file_and_nothing_hung()
    {
        using var file = new DataFile();
        await using var sandbox = await HttpSandbox.StartAsync(file.Path);
        var hold = HeldCommit.Of(sandbox.Store);
        using var giveUp = new CancellationTokenSource();
        var gone = sandbox.Create("GONE-1", giveUp.Token);
        Assert.True(hold.WaitEntered(), "the commit began");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        hold.Release();

        using (var next = await sandbox.Create("GONE-2"))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        Assert.Equal(2, Count(file.Path, "sandbox_invoice"));
    }

    /// <summary>The sandbox with a data file on a loopback port, and a client of the test shop (redirects not followed).</summary>
    private sealed class HttpSandbox : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private HttpSandbox(WebApplication app)
        {
            _app = app;
            Store = app.Services.GetRequiredService<SandboxStore>();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Shop.ApiId + ":" + Shop.ApiPassword)));
        }

        public Shops.SandboxShop Shop { get; } = Shops.SandboxOptions.TestShop;

        public SandboxStore Store { get; }

        public HttpClient Http { get; }

        public static async Task<HttpSandbox> StartAsync(string path)
        {
            var app = SandboxApp.Build(["--Sandbox:DataFile=" + path], builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
            });
            await app.StartAsync();
            return new HttpSandbox(app);
        }

        /// <summary>Issues an invoice through the API (PUT), as a client does.</summary>
        public Task<HttpResponseMessage> Create(string bill, CancellationToken cancel = default) => Http.PutAsync($"api/v2/prv/{Shop.ShopId}/bills/{bill}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "tel:+79031234567", ["amount"] = "10.00", ["ccy"] = "RUB", ["comment"] = "http", ["lifetime"] = "2099-01-01T00:00:00",
        }), cancel);

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
