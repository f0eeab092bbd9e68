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
            : NotificationUrl is { } url && !(url.IsAbsoluteUri && url.Scheme is "http" or "https") ? "notification_url must be an absolute http or https URL."
            : MinAmount is < 0 || MaxAmount is < 0 || (MinAmount is decimal min && MaxAmount is decimal max && min > max) ? "min_amount and max_amount must be 0 or more, min_amount at most max_amount."
            : Rates?.Any(r => r.Rate <= 0 || r.From.Length != 3 || r.To.Length != 3) == true ? "each rate needs 3-letter from and to and a positive rate."
            : null;

    /// <summary>
    /// Applies the present properties to <paramref name="shop"/>, all at once (see <see cref="TryApply"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The patch has a <see cref="Problem"/>, or would leave the shop's minimum above
    /// its maximum; the shop's settings are then unchanged.</exception>
    public void ApplyTo(SandboxShop shop)
    {
        if (TryApply(shop, out var problem) is null)
        {
            throw new ArgumentException(problem, nameof(shop));
        }
    }

    /// <summary>
    /// Applies the present properties to <paramref name="shop"/> as one change: a request sees the shop's settings before
    /// it or after it, never some of each; a patch of other properties racing it is not lost (each is applied to the
    /// settings the other left). Returns the settings this patch left, or null with <paramref name="problem"/> when the
    /// patch is refused: it has a <see cref="Problem"/>, or the settings it would leave have a minimum above the maximum
    /// (checked against the settings it is applied to, so a <c>min_amount</c> alone above the shop's maximum is refused,
    /// and so is a patch racing another into such a pair). A refused patch changes nothing.
    /// </summary>
    internal ShopSettings? TryApply(SandboxShop shop, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(shop);
        problem = Problem();
        if (problem is not null)
        {
            return null;
        }

        var left = shop.TryUpdate(this, static (s, patch) => patch.ApplyTo(s) is var next && next.MinAmount <= next.MaxAmount ? next : null);
        problem = left is null ? "min_amount must be at most max_amount: the patch would leave the shop's min_amount above its max_amount." : null;
        return left;
    }

    /// <summary><paramref name="s"/> with the present properties replaced.</summary>
    private ShopSettings ApplyTo(ShopSettings s) => s with
    {
        NotificationUrl = NotificationUrl ?? s.NotificationUrl,
        SignNotifications = SignNotifications ?? s.SignNotifications,
        Name = Name ?? s.Name,
        Currencies = Currencies ?? s.Currencies,
        MinAmount = MinAmount ?? s.MinAmount,
        MaxAmount = MaxAmount ?? s.MaxAmount,
        ProtocolEnabled = ProtocolEnabled ?? s.ProtocolEnabled,
        ApiIdBlocked = ApiIdBlocked ?? s.ApiIdBlocked,
        MerchantBlocked = MerchantBlocked ?? s.MerchantBlocked,
        AllowedAddresses = AllowedAddresses ?? s.AllowedAddresses,
        DeniedOperations = DeniedOperations ?? s.DeniedOperations,
        UnregisteredPayers = UnregisteredPayers ?? s.UnregisteredPayers,
        BlockedPayers = BlockedPayers ?? s.BlockedPayers,
        UnsupportedRegionPayers = UnsupportedRegionPayers ?? s.UnsupportedRegionPayers,
        UnsupportedCountries = UnsupportedCountries ?? s.UnsupportedCountries,
        MonthlyLimit = MonthlyLimit is decimal limit ? (limit > 0 ? limit : null) : s.MonthlyLimit,
        WalletCurrency = WalletCurrency is string wallet ? (wallet.Length > 0 ? wallet : null) : s.WalletCurrency,
        Rates = Rates ?? s.Rates,
        RefundOutcome = RefundOutcome ?? s.RefundOutcome,
    };
}
