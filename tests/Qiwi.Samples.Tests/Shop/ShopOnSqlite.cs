using System.Net.Http.Json;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>A shop on a fresh SQLite file against its own sandbox (notifications off, reconciliation run by hand), and the sandbox's control API.</summary>
public abstract class ShopOnSqlite : IAsyncLifetime
{
    private string _directory = "";

    protected SandboxHost Sandbox { get; private set; } = null!;

    protected ShopApp Shop { get; private set; } = null!;

    protected HttpClient Http { get; } = new();

    protected OrderRepository Orders => Shop.Services.GetRequiredService<OrderRepository>();

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));
        Shop = await ShopHost.StartAsync(Sandbox, ShopHost.TemporarySqlite(out _directory), notify: false);
    }

    public async Task DisposeAsync()
    {
        await Shop.DisposeAsync();
        await Sandbox.DisposeAsync();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    protected Task<PlacedOrder> PlaceAsync() => Shop.Services.GetRequiredService<Checkout>().PlaceAsync("c1", "+79031234567", CancellationToken.None);

    protected Task<int?> ReconcileAsync() => Shop.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);

    protected async Task PayAsync(string billId)
    {
        await ControlAsync($"bills/{Sandbox.Shop.ShopId}/{billId}/pay");
        await ReconcileAsync();
    }

    protected async Task ControlAsync(string path)
    {
        using var response = await Http.PostAsync(new Uri(Sandbox.BaseUrl, "sandbox/control/" + path), null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The next <paramref name="count"/> API requests have their connection dropped (the client's retries included).</summary>
    protected async Task FaultAsync(int count, string kind = "drop", int resultCode = 13)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(Sandbox.BaseUrl, "sandbox/control/faults"), new { kind, count, result_code = resultCode });
        Assert.True(response.IsSuccessStatusCode);
    }

    protected async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync(new Uri(Sandbox.BaseUrl, "sandbox/control/faults"));
        Assert.True(response.IsSuccessStatusCode);
    }
}
