namespace Qiwi.Sandbox.Shops;

/// <summary>The sandbox's configuration (section <c>Sandbox</c> of appsettings or <c>Sandbox__...</c> environment variables).</summary>
public sealed class SandboxOptions
{
    /// <summary>The shops; when empty, <see cref="TestShop"/> is used.</summary>
    public List<SandboxShop> Shops { get; set; } = new();

    /// <summary>How long a refund stays <c>processing</c> before it succeeds (0: it succeeds at once, as in the docs' example).</summary>
    public TimeSpan RefundSettleDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Divides the waits between notification attempts (10 s doubling to 30 min, 50 attempts within 24 h):
    /// 1 is QIWI's pace; 60 makes an hour pass in a minute.
    /// </summary>
    public double NotificationTimeScale { get; set; } = 1;

    /// <summary>
    /// A SQLite file that keeps invoices, refunds, notifications and the clock's advance across restarts; null (the
    /// default): state lives in memory only.
    /// </summary>
    public string? DataFile { get; set; }

    /// <summary>The test shop every sandbox starts with.</summary>
    public static SandboxShop TestShop => new()
    {
        ShopId = 373712,
        ApiId = "23441234",
        ApiPassword = "sandbox-api-password",
        NotificationPassword = "sandbox-notification-password",
    };

    /// <summary>The shops in effect.</summary>
    public IReadOnlyList<SandboxShop> EffectiveShops => Shops.Count > 0 ? Shops : _defaultShops ??= new[] { TestShop };

    // Made once, so the test shop in effect is one object: changing it (a notification URL) sticks.
    private SandboxShop[]? _defaultShops;
}
