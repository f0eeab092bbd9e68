using Microsoft.Extensions.Time.Testing;
using Qiwi.Runtime;
using Qiwi.Sandbox.Hosting;
using Qiwi.Sandbox.Tests.Generated;

namespace Qiwi.Sandbox.Tests;

/// <summary>A sandbox on a free loopback port with a fake clock, and generated clients that talk to it.</summary>
internal sealed class SandboxFixture : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private SandboxFixture(SandboxHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        Client = CreateClient(QiwiMediaType.Json);
    }

    public SandboxHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public QiwiPullClient Client { get; }

    public long ShopId => Host.Shop.ShopId;

    /// <summary>A day after the sandbox's time (its clock may have been advanced through the control API).</summary>
    public DateTimeOffset Tomorrow => Host.Clock.GetUtcNow().AddDays(1);

    public static async Task<SandboxFixture> StartAsync(TimeSpan? refundSettleDelay = null, Action<Shops.SandboxShop>? shop = null, DateTimeOffset? now = null, double notificationTimeScale = 1, Shops.RepeatedRefundId repeatedRefundId = Shops.RepeatedRefundId.ExistingRefund)
    {
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var host = await SandboxHost.StartAsync(clock, o =>
        {
            o.RefundSettleDelay = refundSettleDelay ?? TimeSpan.Zero;
            o.RepeatedRefundId = repeatedRefundId;
            o.NotificationTimeScale = notificationTimeScale;
            if (shop is not null)
            {
                var configured = Shops.SandboxOptions.TestShop;
                shop(configured);
                o.Shops.Add(configured);
            }
        });
        return new SandboxFixture(host, clock);
    }

    public QiwiPullClient CreateClient(QiwiMediaType mediaType, string? password = null, int maxAttempts = 1, long? shopId = null) => new(_http, new QiwiPullClientOptions
    {
        SandboxBaseUrl = Host.BaseUrl,
        ShopId = shopId ?? ShopId,
        ApiId = Host.Shop.ApiId,
        ApiPassword = password ?? Host.Shop.ApiPassword,
        MediaType = mediaType,
        TimeProvider = Clock,
        Retry = new QiwiRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
    });

    /// <summary>Queues a fault (POST /sandbox/control/faults).</summary>
    public async Task InjectAsync(object fault)
    {
        using var response = await _http.PostAsync(new Uri(Host.BaseUrl, "sandbox/control/faults"), System.Net.Http.Json.JsonContent.Create(fault, options: Qiwi.Sandbox.Control.SandboxControlJson.Options));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The whole ledger (GET /sandbox/control/ledger).</summary>
    public async Task<List<Ledger.LedgerEntry>> LedgerAsync()
        => (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<Ledger.LedgerEntry>>(_http, new Uri(Host.BaseUrl, "sandbox/control/ledger"), Qiwi.Sandbox.Control.SandboxControlJson.Options))!;

    public Task<Bill> CreateBillAsync(string billId, decimal amount = 10m, string currency = "RUB", PaySource? paySource = null, string user = "tel:+79031234567")
        => Client.CreateBillAsync(billId, user, amount, currency, "test", Tomorrow, paySource);

    /// <summary>Uses the control API (what a payer would do on the checkout page).</summary>
    public async Task<HttpResponseMessage> ControlAsync(string path)
        => await _http.PostAsync(new Uri(Host.BaseUrl.AbsoluteUri + "sandbox/control/" + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }), null);

    public async Task PayAsync(string billId)
    {
        using var response = await ControlAsync($"bills/{ShopId}/{Segment(billId)}/pay");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One path segment, encoded as the generated client encodes it (a segment of "." or ".." has its dots encoded).</summary>
    public static string Segment(string value)
    {
        var encoded = Uri.EscapeDataString(value);
        return encoded is "." or ".." ? encoded.Replace(".", "%2E", StringComparison.Ordinal) : encoded;
    }

    public async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, string? form, string? accept = "application/json", bool authorized = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(Host.BaseUrl, path));
        if (form is not null)
        {
            request.Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        if (authorized)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Host.Shop.ApiId + ":" + Host.Shop.ApiPassword)));
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Changes the shop's settings through the control API (snake_case JSON, as a merchant's script would send it); returns the answer (the shop).</summary>
    public async Task<System.Text.Json.JsonElement> PatchShopAsync(object settings)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(Host.BaseUrl, "sandbox/control/shops/" + ShopId)) { Content = System.Net.Http.Json.JsonContent.Create(settings, options: Qiwi.Sandbox.Control.SandboxControlJson.Options) };
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Advances the sandbox's clock through the control API; returns the answer (the new time).</summary>
    public async Task<System.Text.Json.JsonElement> AdvanceAsync(TimeSpan by)
    {
        using var response = await _http.PostAsync(new Uri(Host.BaseUrl, "sandbox/control/clock/advance"), System.Net.Http.Json.JsonContent.Create(new { seconds = by.TotalSeconds }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>GET on the control API, parsed.</summary>
    public async Task<System.Text.Json.JsonElement> ControlGetAsync(string path)
        => System.Text.Json.JsonDocument.Parse(await _http.GetStringAsync(new Uri(Host.BaseUrl, "sandbox/control/" + path))).RootElement.Clone();

    public async Task<string> NotificationLogAsync() => await _http.GetStringAsync(new Uri(Host.BaseUrl, "sandbox/control/notifications"));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }
}
