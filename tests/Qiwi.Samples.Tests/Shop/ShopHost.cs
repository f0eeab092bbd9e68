using System.Globalization;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>Starts the shop sample against a sandbox the test owns (so the shop can restart while invoices live on).</summary>
internal static class ShopHost
{
    public const string AdminPassword = "correct horse battery staple";

    /// <param name="sandbox">The QIWI the shop talks to.</param>
    /// <param name="connectionString">The shop's database.</param>
    /// <param name="notify">Point the sandbox's notifications at this instance.</param>
    /// <param name="reconcile">Run the reconciliation service (fast, for tests: every 100 ms, no waiting threshold).</param>
    /// <param name="extra">More configuration arguments (<c>--Shop:...=...</c>).</param>
    public static async Task<ShopApp> StartAsync(SandboxHost sandbox, string connectionString, bool notify = true, bool reconcile = false, params string[] extra)
    {
        var shop = await ShopApp.StartAsync([.. Arguments(sandbox, connectionString, reconcile), .. extra], "http://127.0.0.1:0");
        if (notify)
        {
            sandbox.Shop.NotificationUrl = new Uri(shop.Url, "qiwi/notify");
            sandbox.Shop.SignNotifications = true;
        }

        return shop;
    }

    /// <summary>The shop's configuration arguments for a test (also for a shop run in a child process).</summary>
    public static string[] Arguments(SandboxHost sandbox, string connectionString, bool reconcile)
    {
        var shopId = sandbox.Shop.ShopId.ToString(CultureInfo.InvariantCulture);
        return
        [
            $"--Qiwi:SandboxBaseUrl={sandbox.BaseUrl}", $"--Qiwi:ShopId={shopId}",
            $"--Qiwi:ApiId={sandbox.Shop.ApiId}", $"--Qiwi:ApiPassword={sandbox.Shop.ApiPassword}", $"--Qiwi:NotificationPassword={sandbox.Shop.NotificationPassword}",
            $"--ConnectionStrings:Shop={connectionString}", $"--Shop:AdminPassword={AdminPassword}",
            $"--Shop:Reconciliation:Enabled={reconcile}", "--Shop:Reconciliation:Interval=00:00:00.100", "--Shop:Reconciliation:After=00:00:00",
            "--Shop:Reconciliation:FirstDelay=00:00:00.050", "--Shop:Reconciliation:MaxDelay=00:00:00.250",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Qiwi.Samples.Shop.Data.OrderRepository=Error",
            // Development: the return URLs are the address the test shop listens on (no Shop:PublicBaseUrl; docs/shop.md).
            "--environment=Development",
        ];
    }

    /// <summary>A SQLite database in a fresh temporary file (deleted with its directory by the caller).</summary>
    public static string TemporarySqlite(out string directory)
    {
        directory = Path.Combine(Path.GetTempPath(), "qiwi-shop-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return "Data Source=" + Path.Combine(directory, "shop.db");
    }
}
