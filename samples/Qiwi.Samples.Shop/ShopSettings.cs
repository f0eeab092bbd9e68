namespace Qiwi.Samples.Shop;

/// <summary>The shop's QIWI settings (section <c>Qiwi</c>; without BaseUrl the embedded sandbox is used).</summary>
public sealed class ShopSettings
{
    public Uri? BaseUrl { get; set; }

    /// <summary>Where checkout pages are: QIWI's own (default) or the sandbox's.</summary>
    public Uri? CheckoutBaseUrl { get; set; }

    public long ShopId { get; set; }

    public string ApiId { get; set; } = string.Empty;

    public string ApiPassword { get; set; } = string.Empty;

    public string NotificationPassword { get; set; } = string.Empty;
}
