namespace Qiwi.Samples.Shop;

/// <summary>The shop's QIWI settings (section <c>Qiwi</c>; without BaseUrl and SandboxBaseUrl the embedded sandbox is used).</summary>
public sealed class ShopSettings
{
    /// <summary>The production API's base URL, when not QIWI's own (<c>https://api.qiwi.com</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>A sandbox that serves the API and every checkout page (what the sandbox prints at start-up); unset: production.</summary>
    public Uri? SandboxBaseUrl { get; set; }

    public long ShopId { get; set; }

    public string ApiId { get; set; } = string.Empty;

    public string ApiPassword { get; set; } = string.Empty;

    public string NotificationPassword { get; set; } = string.Empty;

    public override string ToString() => $"ShopSettings {{ BaseUrl = {BaseUrl}, SandboxBaseUrl = {SandboxBaseUrl}, ShopId = {ShopId}, ApiId = {ApiId}, ApiPassword = ***, NotificationPassword = *** }}";
}

/// <summary>The shop's own settings (section <c>Shop</c>); see docs/shop.md.</summary>
public sealed class ShopOptions
{
    /// <summary>The admin password. Required with a real QIWI endpoint; with the embedded sandbox one is generated when unset.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>The product on sale.</summary>
    public string Product { get; set; } = "Contract-first APIs (paperback)";

    /// <summary>Its price in RUB.</summary>
    public decimal Price { get; set; } = 1500m;

    /// <summary>
    /// Orders one address may place a minute. Each order issues an invoice to the wallet its form names, and QIWI tells
    /// that wallet's owner: without a limit anyone could have the shop send invoices to any wallet at any rate.
    /// </summary>
    public int OrdersPerMinute { get; set; } = 10;

    /// <summary>How long an invoice may be paid.</summary>
    public TimeSpan InvoiceLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Networks allowed to post notifications (CIDR, or <c>qiwi</c> for QIWI's published ranges); empty allows any.</summary>
    public List<string> NotificationNetworks { get; set; } = [];

    /// <summary>
    /// The shop's public address (<c>https://shop.example.com/</c>), what the payer comes back to after paying. Required
    /// outside Development with a real QIWI endpoint; unset otherwise, the address the shop listens on. See <see cref="PublicAddress"/>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (IP addresses).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Orders per admin page (1 to 500; older ones a link away, newest first).</summary>
    public int AdminPageSize { get; set; } = 50;

    /// <summary>
    /// How often the payer's return pages (<c>/success</c>, <c>/fail</c>) may read an open order's status from QIWI: at
    /// most once per order per interval on each node, however often the page is reloaded (see <c>ReturnRefresh</c>).
    /// </summary>
    public TimeSpan ReturnRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    public ReconciliationOptions Reconciliation { get; set; } = new();

    /// <summary>
    /// Refuses, naming the key, a configuration no order could be placed with: an empty product or one longer than the
    /// order row keeps (200 characters; the invoice comment, <c>Order {id}: {product}</c>, then fits QIWI's 255), a price
    /// that is not a positive amount in kopecks, no orders a minute.
    /// </summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Product) || Product.Length > 200)
        {
            throw new InvalidOperationException("Shop:Product must name the product in 1 to 200 characters.");
        }

        if (Price <= 0 || decimal.Round(Price, 2) != Price)
        {
            throw new InvalidOperationException("Shop:Price must be an amount in RUB greater than 0, with at most two decimals.");
        }

        if (OrdersPerMinute < 1)
        {
            throw new InvalidOperationException("Shop:OrdersPerMinute must be at least 1.");
        }

        if (AdminPageSize is < 1 or > 500)
        {
            throw new InvalidOperationException("Shop:AdminPageSize must be 1 to 500.");
        }

        if (ReturnRefreshInterval < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Shop:ReturnRefreshInterval must not be negative.");
        }

        if (Reconciliation.FailedGrace < Reconciliation.MaxDelay)
        {
            // Else the last check of a failed order can fall before its invoice's expiry, and a payment just before it be missed.
            throw new InvalidOperationException("Shop:Reconciliation:FailedGrace must be at least Shop:Reconciliation:MaxDelay.");
        }
    }

    public override string ToString() => $"ShopOptions {{ Product = {Product}, Price = {Price}, AdminPassword = *** }}";
}

/// <summary>When invoices and refunds without a final answer are checked with QIWI (section <c>Shop:Reconciliation</c>).</summary>
public sealed class ReconciliationOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often a pass runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An invoice still waiting this long after it was issued is polled.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first delay between two checks of the same invoice or refund; it doubles up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long after its invoice's expiry a <c>failed</c> order is still checked. A refusal may reach the shop for an
    /// invoice QIWI made (a proxy's answer, a repeated creation answered 215): the payer can pay it from the wallet until
    /// it expires, and if that notification is lost only a check finds the money. The grace covers the last backoff delay.
    /// A check that finds no invoice (210) ends the checks at once.
    /// </summary>
    public TimeSpan FailedGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many invoices and refunds one pass checks at most.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long the key of an applied notification is kept; each pass deletes older ones. Forgetting a key is safe:
    /// a notification repeated later is applied through the same exactly-once status path and changes nothing.
    /// </summary>
    public TimeSpan AppliedNotificationRetention { get; set; } = TimeSpan.FromDays(60);
}
