namespace Qiwi.Sandbox.Shops;

/// <summary>
/// A change to a shop's settings (<c>PATCH /sandbox/control/shops/{shop_id}</c>, snake_case JSON): each property
/// present replaces the setting, each absent one leaves it. Credentials and the Shop ID cannot be changed.
/// </summary>
public sealed record ShopSettingsPatch
{
    public Uri? NotificationUrl { get; init; }

    public bool? SignNotifications { get; init; }

    public string? Name { get; init; }

    public List<string>? Currencies { get; init; }

    public decimal? MinAmount { get; init; }

    public decimal? MaxAmount { get; init; }

    public bool? ProtocolEnabled { get; init; }

    public bool? ApiIdBlocked { get; init; }

    public bool? MerchantBlocked { get; init; }

    public List<string>? AllowedAddresses { get; init; }

    public List<string>? DeniedOperations { get; init; }

    public List<string>? UnregisteredPayers { get; init; }

    public List<string>? BlockedPayers { get; init; }

    public List<string>? UnsupportedRegionPayers { get; init; }

    public List<string>? UnsupportedCountries { get; init; }

    /// <summary>The monthly limit; 0 or less removes it.</summary>
    public decimal? MonthlyLimit { get; init; }

    /// <summary>The wallets' currency; an empty string removes it.</summary>
    public string? WalletCurrency { get; init; }

    public List<SandboxRate>? Rates { get; init; }

    public string? RefundOutcome { get; init; }

    /// <summary>The refusal of the patch, or null when it can be applied.</summary>
    public string? Problem()
        => RefundOutcome is not (null or "success" or "fail" or "processing") ? "refund_outcome must be success, fail or processing."
            : MinAmount is < 0 || MaxAmount is < 0 || (MinAmount is decimal min && MaxAmount is decimal max && min > max) ? "min_amount and max_amount must be 0 or more, min_amount at most max_amount."
            : Rates?.Any(r => r.Rate <= 0 || r.From.Length != 3 || r.To.Length != 3) == true ? "each rate needs 3-letter from and to and a positive rate."
            : null;

    /// <summary>Applies the present properties to <paramref name="shop"/>.</summary>
    public void ApplyTo(SandboxShop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        shop.NotificationUrl = NotificationUrl ?? shop.NotificationUrl;
        shop.SignNotifications = SignNotifications ?? shop.SignNotifications;
        shop.Name = Name ?? shop.Name;
        shop.Currencies = Currencies ?? shop.Currencies;
        shop.MinAmount = MinAmount ?? shop.MinAmount;
        shop.MaxAmount = MaxAmount ?? shop.MaxAmount;
        shop.ProtocolEnabled = ProtocolEnabled ?? shop.ProtocolEnabled;
        shop.ApiIdBlocked = ApiIdBlocked ?? shop.ApiIdBlocked;
        shop.MerchantBlocked = MerchantBlocked ?? shop.MerchantBlocked;
        shop.AllowedAddresses = AllowedAddresses ?? shop.AllowedAddresses;
        shop.DeniedOperations = DeniedOperations ?? shop.DeniedOperations;
        shop.UnregisteredPayers = UnregisteredPayers ?? shop.UnregisteredPayers;
        shop.BlockedPayers = BlockedPayers ?? shop.BlockedPayers;
        shop.UnsupportedRegionPayers = UnsupportedRegionPayers ?? shop.UnsupportedRegionPayers;
        shop.UnsupportedCountries = UnsupportedCountries ?? shop.UnsupportedCountries;
        shop.MonthlyLimit = MonthlyLimit is decimal limit ? (limit > 0 ? limit : null) : shop.MonthlyLimit;
        shop.WalletCurrency = WalletCurrency is string wallet ? (wallet.Length > 0 ? wallet : null) : shop.WalletCurrency;
        shop.Rates = Rates ?? shop.Rates;
        shop.RefundOutcome = RefundOutcome ?? shop.RefundOutcome;
    }
}
