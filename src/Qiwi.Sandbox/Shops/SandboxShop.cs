namespace Qiwi.Sandbox.Shops;

/// <summary>
/// A merchant the sandbox knows: credentials, allowed currencies and amount limits, and the conditions behind the
/// documented refusals (each off by default). Every setting comes from configuration and can be changed at run time
/// with <c>PATCH /sandbox/control/shops/{shop_id}</c>; docs/sandbox.md lists them with their defaults.
/// </summary>
public sealed class SandboxShop
{
    /// <summary>The currencies of a shop that lists none: the four the docs name.</summary>
    public static readonly IReadOnlyList<string> DefaultCurrencies = new[] { "RUB", "EUR", "USD", "KZT" };

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

    /// <summary>Currencies the shop may invoice in (1001 otherwise); empty means <see cref="DefaultCurrencies"/>.</summary>
    public List<string> Currencies { get; set; } = new();

    /// <summary>The currencies in effect: <see cref="Currencies"/>, or <see cref="DefaultCurrencies"/> when none are listed.</summary>
    public IReadOnlyList<string> EffectiveCurrencies => Currencies.Count > 0 ? Currencies : DefaultCurrencies;

    // The amount settings are held boxed: a patch (PATCH /sandbox/control/shops) swaps a reference, which a request
    // reading the setting at the same moment sees whole. A decimal field is 16 bytes, and a read racing a write could
    // mix halves of the old and the new value (ShopSettingsRaceTests).
    private object _minAmount = 1m;
    private object _maxAmount = 15000m;
    private object? _monthlyLimit;

    /// <summary>The smallest invoice amount (241 below it).</summary>
    public decimal MinAmount { get => (decimal)Volatile.Read(ref _minAmount); set => Volatile.Write(ref _minAmount, value); }

    /// <summary>The largest invoice amount (242 above it).</summary>
    public decimal MaxAmount { get => (decimal)Volatile.Read(ref _maxAmount); set => Volatile.Write(ref _maxAmount, value); }

    /// <summary>False: every API request of the shop gets 152 (the protocol is not enabled).</summary>
    public bool ProtocolEnabled { get; set; } = true;

    /// <summary>True: every API request gets 155 (the API ID is blocked).</summary>
    public bool ApiIdBlocked { get; set; }

    /// <summary>True: every API request gets 316 (authorization from a blocked merchant, temporary).</summary>
    public bool MerchantBlocked { get; set; }

    /// <summary>Addresses the API accepts requests from (IPs or CIDR ranges such as <c>10.0.0.0/8</c>); empty: any. Others get 339.</summary>
    public List<string> AllowedAddresses { get; set; } = new();

    /// <summary>Operations the API ID has no rights for (<c>createBill</c>, <c>getBillStatus</c>, <c>cancelBill</c>, <c>createRefund</c>, <c>getRefundStatus</c>): 319.</summary>
    public List<string> DeniedOperations { get; set; } = new();

    /// <summary>Payers (<c>user</c>, e.g. <c>tel:+79990000001</c>) with no QIWI Wallet: an invoice to them gets 298.</summary>
    public List<string> UnregisteredPayers { get; set; } = new();

    /// <summary>Payers whose wallet is temporarily blocked: an invoice to them gets 774.</summary>
    public List<string> BlockedPayers { get; set; } = new();

    /// <summary>Payers in a region the service does not support: an invoice to them gets 934.</summary>
    public List<string> UnsupportedRegionPayers { get; set; } = new();

    /// <summary>Country calling codes the service does not support (<c>+380</c>): an invoice to a number that starts with one gets 1018.</summary>
    public List<string> UnsupportedCountries { get; set; } = new();

    /// <summary>The most the shop may invoice in a calendar month (Moscow time), all currencies added nominally; null: no limit. Beyond it: 700.</summary>
    public decimal? MonthlyLimit { get => (decimal?)Volatile.Read(ref _monthlyLimit); set => Volatile.Write(ref _monthlyLimit, value); }

    /// <summary>
    /// The currency of the payers' wallets; null: each invoice is paid in its own currency. When it differs from an
    /// invoice's currency, the invoice is paid by conversion at <see cref="Rates"/> (<c>originAmount</c> and
    /// <c>originCcy</c> then differ from <c>amount</c> and <c>ccy</c>), and a pair without a rate gets 1003.
    /// </summary>
    public string? WalletCurrency { get; set; }

    /// <summary>Conversion rates: one unit of <see cref="SandboxRate.From"/> costs <see cref="SandboxRate.Rate"/> units of <see cref="SandboxRate.To"/>.</summary>
    public List<SandboxRate> Rates { get; set; } = new();

    /// <summary>What a refund ends as once settled: <c>success</c> (default), <c>fail</c>, or <c>processing</c> (it never settles by itself).</summary>
    public string RefundOutcome { get; set; } = "success";

    /// <inheritdoc />
    public override string ToString() => $"SandboxShop {{ ShopId = {ShopId}, ApiId = {ApiId}, ApiPassword = ***, NotificationPassword = *** }}";
}

/// <summary>A conversion rate: one <paramref name="From"/> costs <paramref name="Rate"/> <paramref name="To"/>.</summary>
public sealed record SandboxRate
{
    /// <summary>The invoice's currency.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>The wallet's currency.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>Units of <see cref="To"/> per unit of <see cref="From"/>.</summary>
    public decimal Rate { get; set; }
}
