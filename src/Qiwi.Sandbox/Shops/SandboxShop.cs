namespace Qiwi.Sandbox.Shops;

/// <summary>A merchant the sandbox knows: credentials, allowed currencies and amount limits.</summary>
public sealed class SandboxShop
{
    /// <summary>The Shop ID (<c>prv_id</c>).</summary>
    public long ShopId { get; set; }

    /// <summary>The API ID (Basic login).</summary>
    public string ApiId { get; set; } = string.Empty;

    /// <summary>The API password. Never logged.</summary>
    public string ApiPassword { get; set; } = string.Empty;

    /// <summary>The notification password. Never logged.</summary>
    public string NotificationPassword { get; set; } = string.Empty;

    /// <summary>Where final statuses are posted (none: no notifications).</summary>
    public Uri? NotificationUrl { get; set; }

    /// <summary>Sign notifications with <c>X-Api-Signature</c> instead of Basic authorization.</summary>
    public bool SignNotifications { get; set; }

    /// <summary>The merchant's site name sent in notifications (<c>prv_name</c>).</summary>
    public string Name { get; set; } = "Sandbox shop";

    /// <summary>Currencies the shop may invoice in (1001 otherwise).</summary>
    public List<string> Currencies { get; set; } = new();

    /// <summary>The smallest invoice amount (241 below it).</summary>
    public decimal MinAmount { get; set; } = 1m;

    /// <summary>The largest invoice amount (242 above it).</summary>
    public decimal MaxAmount { get; set; } = 15000m;

    /// <inheritdoc />
    public override string ToString() => $"SandboxShop {{ ShopId = {ShopId}, ApiId = {ApiId}, ApiPassword = ***, NotificationPassword = *** }}";
}
