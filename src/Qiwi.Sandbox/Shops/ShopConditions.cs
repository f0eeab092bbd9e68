using System.Net;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Shops;

/// <summary>
/// The per-shop conditions behind the documented refusals that are not about one request's data: the protocol
/// switched off (152), a blocked API ID (155) or merchant (316), the allowed source addresses (339), rights per
/// operation (319); and, for a new invoice, the payer (298, 774, 934, 1018), the monthly limit (700) and conversion (1003).
/// Each check takes the shop's settings as one value (<see cref="SandboxShop.Settings"/>, read once per request).
/// </summary>
internal static class ShopConditions
{
    /// <summary>The refusal of any API request of an authorized shop, or <see cref="ResultCode.Success"/>.</summary>
    public static ResultCode ForRequest(ShopSettings settings, string operationId, IPAddress? remote)
    {
        if (settings.ApiIdBlocked)
        {
            return ResultCode.ApiIdBlocked;
        }

        if (settings.MerchantBlocked)
        {
            return ResultCode.BlockedMerchantAuthorization;
        }

        if (!settings.ProtocolEnabled)
        {
            return ResultCode.ProtocolDisabled;
        }

        if (settings.AllowedAddresses.Count > 0 && (remote is null || !settings.AllowedAddresses.Any(a => Matches(a, remote))))
        {
            return ResultCode.IpAddressBlocked;
        }

        return settings.DeniedOperations.Count > 0 && settings.DeniedOperations.Contains(operationId, StringComparer.OrdinalIgnoreCase) ? ResultCode.NoRights : ResultCode.Success;
    }

    /// <summary>The refusal of an invoice to <paramref name="user"/>, or <see cref="ResultCode.Success"/>.</summary>
    public static ResultCode ForPayer(ShopSettings settings, string user)
    {
        // Contains compares with the default (ordinal) comparer, as the payers' lists are meant to be compared.
        if (settings.UnregisteredPayers.Contains(user))
        {
            return ResultCode.UserNotRegistered;
        }

        if (settings.BlockedPayers.Contains(user))
        {
            return ResultCode.UserAccountTemporarilyBlocked;
        }

        if (settings.UnsupportedRegionPayers.Contains(user))
        {
            return ResultCode.RegionNotSupported;
        }

        return settings.UnsupportedCountries.Count > 0 && settings.UnsupportedCountries.Any(c => c.Length > 0 && user.StartsWith("tel:" + (c.StartsWith('+') ? c : "+" + c), StringComparison.Ordinal))
            ? ResultCode.CountryNotSupported
            : ResultCode.Success;
    }

    /// <summary>What the payer's wallet pays for an invoice: the amount and currency, converted when the wallet's currency differs; null when no rate is known (1003).</summary>
    public static (decimal Amount, string Currency)? Origin(ShopSettings settings, decimal amount, string currency)
    {
        if (settings.WalletCurrency is not { Length: > 0 } wallet || wallet == currency)
        {
            return (amount, currency);
        }

        var rate = settings.Rates.FirstOrDefault(r => r.From == currency && r.To == wallet);
        return rate is null || rate.Rate <= 0 ? null : (Qiwi.Runtime.QiwiFormat.Round(amount * rate.Rate, 2, Qiwi.Runtime.QiwiRounding.Down), wallet);
    }

    private static bool Matches(string allowed, IPAddress remote)
    {
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return allowed.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(allowed, out var network) && network.Contains(remote)
            : IPAddress.TryParse(allowed, out var address) && address.Equals(remote);
    }
}
