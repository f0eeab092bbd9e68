namespace Qiwi.Samples.Tests.Shop;

/// <summary>
/// A test with its own sandbox (the test shop added), whose shops it starts itself, each on the SQLite file of
/// <see cref="TemporarySqlite"/> (in a temporary folder, deleted with the sandbox) or on a PostgreSQL database.
/// </summary>
public abstract class ShopSandboxTest : IAsyncLifetime
{
    private string _directory = "";

    protected SandboxHost Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(SandboxOptions.TestShop));

    public async Task DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The connection string of a new SQLite file in a temporary folder (one per test: the folder is deleted at its end).</summary>
    protected string TemporarySqlite() => ShopHost.TemporarySqlite(out _directory);
}
