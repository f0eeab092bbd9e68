namespace Qiwi.Sandbox.Shops;

/// <summary>
/// The settings of a shop that change at run time, as one immutable value (what <see cref="SandboxShop"/>'s setters and
/// <c>PATCH /sandbox/control/shops/{shop_id}</c> change; the meaning of each is on <see cref="SandboxShop"/>). A request
/// reads <see cref="SandboxShop.Settings"/> once and checks itself against that value only, so a patch racing it is seen
/// whole or not at all: never the new minimum with the old maximum, or new currencies with old bounds. A change builds
/// a new value and swaps it in with one reference write (<see cref="SandboxShop.Update{TState}"/>). Lists are copied
/// when set, so no one can change a value once it is built.
/// </summary>
internal sealed record ShopSettings
{
    public Uri? NotificationUrl { get; init; }

    public bool SignNotifications { get; init; }

    public string Name { get; init; } = "Sandbox shop";

    public IReadOnlyList<string> Currencies { get; init => field = Frozen(value); } = [];

    /// <summary><see cref="Currencies"/>, or <see cref="SandboxShop.DefaultCurrencies"/> when none are listed.</summary>
    public IReadOnlyList<string> EffectiveCurrencies => Currencies.Count > 0 ? Currencies : SandboxShop.DefaultCurrencies;

    public decimal MinAmount { get; init; } = 1m;

    public decimal MaxAmount { get; init; } = 15000m;

    public bool ProtocolEnabled { get; init; } = true;

    public bool ApiIdBlocked { get; init; }

    public bool MerchantBlocked { get; init; }

    public IReadOnlyList<string> AllowedAddresses { get; init => field = Frozen(value); } = [];

    public IReadOnlyList<string> DeniedOperations { get; init => field = Frozen(value); } = [];

    public IReadOnlyList<string> UnregisteredPayers { get; init => field = Frozen(value); } = [];

    public IReadOnlyList<string> BlockedPayers { get; init => field = Frozen(value); } = [];

    public IReadOnlyList<string> UnsupportedRegionPayers { get; init => field = Frozen(value); } = [];

    public IReadOnlyList<string> UnsupportedCountries { get; init => field = Frozen(value); } = [];

    public decimal? MonthlyLimit { get; init; }

    public string? WalletCurrency { get; init; }

    /// <summary>The rates (<see cref="SandboxRate"/> is itself immutable).</summary>
    public IReadOnlyList<SandboxRate> Rates { get; init => field = Frozen(value); } = [];

    public string RefundOutcome { get; init; } = "success";

    /// <summary>A read-only copy of <paramref name="values"/> (null: none), so a caller's list changed later does not change these settings.</summary>
    private static IReadOnlyList<T> Frozen<T>(IEnumerable<T>? values) => values is null ? [] : Array.AsReadOnly(values.ToArray());
}
