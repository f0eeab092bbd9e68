namespace Qiwi.Sandbox.Shops;

/// <summary>The sandbox's configuration (section <c>Sandbox</c> of appsettings or <c>Sandbox__...</c> environment variables).</summary>
public sealed class SandboxOptions
{
    /// <summary>The shops; when empty, <see cref="TestShop"/> is used.</summary>
    public List<SandboxShop> Shops { get; set; } = new();

    /// <summary>How long a refund stays <c>processing</c> before it succeeds (0: it succeeds at once, as in the docs' example).</summary>
    public TimeSpan RefundSettleDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How a refund request with a <c>refund_id</c> the invoice already has is answered (the docs do not
    /// say): <see cref="RepeatedRefundId.ExistingRefund"/> (the default) answers the existing refund when the
    /// amount is the same and result code 5 otherwise; <see cref="RepeatedRefundId.Error"/> answers result
    /// code 5 (incorrect data) to every repeat.
    /// </summary>
    public RepeatedRefundId RepeatedRefundId { get; set; } = RepeatedRefundId.ExistingRefund;

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

    /// <summary>The shop in effect with that Shop ID, or null.</summary>
    public SandboxShop? ShopById(long shopId) => EffectiveShops.FirstOrDefault(s => s.ShopId == shopId);

    // Made once, so the test shop in effect is one object: changing it (a notification URL) sticks.
    private SandboxShop[]? _defaultShops;
}

/// <summary>How the sandbox answers a refund whose <c>refund_id</c> the invoice already has.</summary>
public enum RepeatedRefundId
{
    /// <summary>The existing refund (result 0) when the amount is the same; result code 5 otherwise.</summary>
    ExistingRefund,

    /// <summary>Result code 5 (incorrect data), whatever the amount.</summary>
    Error,
}
