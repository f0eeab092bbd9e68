namespace Qiwi.Sandbox.Shops;

/// <summary>
/// A merchant the sandbox knows: credentials, allowed currencies and amount limits, and the conditions behind the
/// documented refusals (each off by default). Every setting comes from configuration and can be changed at run time
/// with <c>PATCH /sandbox/control/shops/{shop_id}</c>; docs/sandbox.md lists them with their defaults. The settings are
/// held as one immutable value that each change replaces whole (see <see cref="Settings"/>): a request racing a change
/// sees all of it or none of it. The Shop ID and credentials are set once, at configuration.
/// </summary>
public sealed class SandboxShop
{
    private ShopSettings _settings = new();

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

    /// <summary>
    /// The settings below as one immutable value: a request reads this once and checks itself against that value only,
    /// so a change racing it (a setter, <c>PATCH /sandbox/control/shops</c>) is seen whole or not at all.
    /// </summary>
    /// <remarks>
    /// Not inlined, on purpose: inlined into a getter such as <see cref="MaxAmount"/>, the .NET 10 JIT (x64, Tier1) was seen
    /// loading the reference twice, once per 8-byte half of the decimal, so a read racing a patch mixed halves of two
    /// values (ShopSettingsRaceTests). A call returns the reference once, and every use reads that one value.
    /// </remarks>
    internal ShopSettings Settings
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        get => Volatile.Read(ref _settings);
    }

    /// <summary>Where final statuses are posted (none: no notifications).</summary>
    public Uri? NotificationUrl { get => Settings.NotificationUrl; set => Update(value, static (s, v) => s with { NotificationUrl = v }); }

    /// <summary>Sign notifications with <c>X-Api-Signature</c> instead of Basic authorization.</summary>
    public bool SignNotifications { get => Settings.SignNotifications; set => Update(value, static (s, v) => s with { SignNotifications = v }); }

    /// <summary>The merchant's site name sent in notifications (<c>prv_name</c>).</summary>
    public string Name { get => Settings.Name; set => Update(value, static (s, v) => s with { Name = v }); }

    /// <summary>Currencies the shop may invoice in (1001 otherwise); empty means <see cref="DefaultCurrencies"/>. Setting it copies the list.</summary>
    public IReadOnlyList<string> Currencies { get => Settings.Currencies; set => Update(value, static (s, v) => s with { Currencies = v }); }

    /// <summary>The currencies in effect: <see cref="Currencies"/>, or <see cref="DefaultCurrencies"/> when none are listed.</summary>
    public IReadOnlyList<string> EffectiveCurrencies => Settings.EffectiveCurrencies;

    /// <summary>The smallest invoice amount (241 below it).</summary>
    public decimal MinAmount { get => Settings.MinAmount; set => Update(value, static (s, v) => s with { MinAmount = v }); }

    /// <summary>The largest invoice amount (242 above it).</summary>
    public decimal MaxAmount { get => Settings.MaxAmount; set => Update(value, static (s, v) => s with { MaxAmount = v }); }

    /// <summary>False: every API request of the shop gets 152 (the protocol is not enabled).</summary>
    public bool ProtocolEnabled { get => Settings.ProtocolEnabled; set => Update(value, static (s, v) => s with { ProtocolEnabled = v }); }

    /// <summary>True: every API request gets 155 (the API ID is blocked).</summary>
    public bool ApiIdBlocked { get => Settings.ApiIdBlocked; set => Update(value, static (s, v) => s with { ApiIdBlocked = v }); }

    /// <summary>True: every API request gets 316 (authorization from a blocked merchant, temporary).</summary>
    public bool MerchantBlocked { get => Settings.MerchantBlocked; set => Update(value, static (s, v) => s with { MerchantBlocked = v }); }

    /// <summary>Addresses the API accepts requests from (IPs or CIDR ranges such as <c>10.0.0.0/8</c>); empty: any. Others get 339.</summary>
    public IReadOnlyList<string> AllowedAddresses { get => Settings.AllowedAddresses; set => Update(value, static (s, v) => s with { AllowedAddresses = v }); }

    /// <summary>Operations the API ID has no rights for (<c>createBill</c>, <c>getBillStatus</c>, <c>cancelBill</c>, <c>createRefund</c>, <c>getRefundStatus</c>): 319.</summary>
    public IReadOnlyList<string> DeniedOperations { get => Settings.DeniedOperations; set => Update(value, static (s, v) => s with { DeniedOperations = v }); }

    /// <summary>Payers (<c>user</c>, e.g. <c>tel:+79990000001</c>) with no QIWI Wallet: an invoice to them gets 298.</summary>
    public IReadOnlyList<string> UnregisteredPayers { get => Settings.UnregisteredPayers; set => Update(value, static (s, v) => s with { UnregisteredPayers = v }); }

    /// <summary>Payers whose wallet is temporarily blocked: an invoice to them gets 774.</summary>
    public IReadOnlyList<string> BlockedPayers { get => Settings.BlockedPayers; set => Update(value, static (s, v) => s with { BlockedPayers = v }); }

    /// <summary>Payers in a region the service does not support: an invoice to them gets 934.</summary>
    public IReadOnlyList<string> UnsupportedRegionPayers { get => Settings.UnsupportedRegionPayers; set => Update(value, static (s, v) => s with { UnsupportedRegionPayers = v }); }

    /// <summary>Country calling codes the service does not support (<c>+380</c>): an invoice to a number that starts with one gets 1018.</summary>
    public IReadOnlyList<string> UnsupportedCountries { get => Settings.UnsupportedCountries; set => Update(value, static (s, v) => s with { UnsupportedCountries = v }); }

    /// <summary>The most the shop may invoice in a calendar month (Moscow time), all currencies added nominally; null: no limit. Beyond it: 700.</summary>
    public decimal? MonthlyLimit { get => Settings.MonthlyLimit; set => Update(value, static (s, v) => s with { MonthlyLimit = v }); }

    /// <summary>
    /// The currency of the payers' wallets; null: each invoice is paid in its own currency. When it differs from an
    /// invoice's currency, the invoice is paid by conversion at <see cref="Rates"/> (<c>originAmount</c> and
    /// <c>originCcy</c> then differ from <c>amount</c> and <c>ccy</c>), and a pair without a rate gets 1003.
    /// </summary>
    public string? WalletCurrency { get => Settings.WalletCurrency; set => Update(value, static (s, v) => s with { WalletCurrency = v }); }

    /// <summary>Conversion rates: one unit of <see cref="SandboxRate.From"/> costs <see cref="SandboxRate.Rate"/> units of <see cref="SandboxRate.To"/>.</summary>
    public IReadOnlyList<SandboxRate> Rates { get => Settings.Rates; set => Update(value, static (s, v) => s with { Rates = v }); }

    /// <summary>What a refund ends as once settled: <c>success</c> (default), <c>fail</c>, or <c>processing</c> (it never settles by itself).</summary>
    public string RefundOutcome { get => Settings.RefundOutcome; set => Update(value, static (s, v) => s with { RefundOutcome = v }); }

    /// <summary>
    /// Replaces the settings with <paramref name="change"/> applied to them; returns the settings it left. A change that lost
    /// the race to another (a setter, a patch) is applied again to the settings that won, so concurrent changes of
    /// different settings all end applied and none is lost. <paramref name="change"/> may run more than once: it must only
    /// build the new value.
    /// </summary>
    internal ShopSettings Update<TState>(TState state, Func<ShopSettings, TState, ShopSettings> change)
        => TryUpdate((state, change), static (s, c) => c.change(s, c.state))!;

    /// <summary>
    /// <see cref="Update"/> for a change that may refuse: when <paramref name="change"/> returns null for the settings it
    /// was given, nothing is replaced and null is returned.
    /// </summary>
    internal ShopSettings? TryUpdate<TState>(TState state, Func<ShopSettings, TState, ShopSettings?> change)
    {
        var current = Settings;
        while (true)
        {
            if (change(current, state) is not { } next)
            {
                return null;
            }

            var found = Interlocked.CompareExchange(ref _settings, next, current);
            if (ReferenceEquals(found, current))
            {
                return next;
            }

            current = found;
        }
    }

    /// <summary>A copy of the shop (same credentials) holding <paramref name="settings"/>, for an answer that lists its properties: each then reads that one value.</summary>
    internal SandboxShop Copy(ShopSettings settings) => new()
    {
        ShopId = ShopId,
        ApiId = ApiId,
        ApiPassword = ApiPassword,
        NotificationPassword = NotificationPassword,
        _settings = settings,
    };

    /// <inheritdoc />
    public override string ToString() => $"SandboxShop {{ ShopId = {ShopId}, ApiId = {ApiId}, ApiPassword = ***, NotificationPassword = *** }}";
}

/// <summary>A conversion rate: one <see cref="From"/> costs <see cref="Rate"/> <see cref="To"/>. Immutable once built, as the shop's settings are.</summary>
public sealed record SandboxRate
{
    /// <summary>The invoice's currency.</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>The wallet's currency.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>Units of <see cref="To"/> per unit of <see cref="From"/>.</summary>
    public decimal Rate { get; init; }
}
