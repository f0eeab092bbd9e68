using System.Net;
using Qiwi.Sandbox.Contract;

namespace Qiwi.Sandbox.Shops;

/// <summary>
/// The per-shop conditions behind the documented refusals that are not about one request's data: the protocol
/// switched off (152), a blocked API ID (155) or merchant (316), the allowed source addresses (339), rights per
/// operation (319); and, for a new invoice, the payer (298, 774, 934, 1018), the monthly limit (700) and conversion (1003).
/// </summary>
internal static class ShopConditions
{
    /// <summary>The refusal of any API request of an authorized shop, or <see cref="ResultCode.Success"/>.</summary>
    public static ResultCode ForRequest(SandboxShop shop, string operationId, IPAddress? remote)
    {
        if (shop.ApiIdBlocked)
        {
            return ResultCode.ApiIdBlocked;
        }

        if (shop.MerchantBlocked)
        {
            return ResultCode.BlockedMerchantAuthorization;
        }

        if (!shop.ProtocolEnabled)
        {
            return ResultCode.ProtocolDisabled;
        }

        if (shop.AllowedAddresses.Count > 0 && (remote is null || !shop.AllowedAddresses.Any(a => Matches(a, remote))))
        {
            return ResultCode.IpAddressBlocked;
        }

        return shop.DeniedOperations.Count > 0 && shop.DeniedOperations.Contains(operationId, StringComparer.OrdinalIgnoreCase) ? ResultCode.NoRights : ResultCode.Success;
    }

    /// <summary>The refusal of an invoice to <paramref name="user"/>, or <see cref="ResultCode.Success"/>.</summary>
    public static ResultCode ForPayer(SandboxShop shop, string user)
    {
        // List<string>.Contains compares ordinally, as the payers' lists are meant to be compared.
        if (shop.UnregisteredPayers.Contains(user))
        {
            return ResultCode.UserNotRegistered;
        }

        if (shop.BlockedPayers.Contains(user))
        {
            return ResultCode.UserAccountTemporarilyBlocked;
        }

        if (shop.UnsupportedRegionPayers.Contains(user))
        {
            return ResultCode.RegionNotSupported;
        }

        return shop.UnsupportedCountries.Count > 0 && shop.UnsupportedCountries.Any(c => c.Length > 0 && user.StartsWith("tel:" + (c.StartsWith('+') ? c : "+" + c), StringComparison.Ordinal))
            ? ResultCode.CountryNotSupported
            : ResultCode.Success;
    }

    /// <summary>What the payer's wallet pays for an invoice: the amount and currency, converted when the wallet's currency differs; null when no rate is known (1003).</summary>
    public static (decimal Amount, string Currency)? Origin(SandboxShop shop, decimal amount, string currency)
    {
        if (shop.WalletCurrency is not { Length: > 0 } wallet || wallet == currency)
        {
            return (amount, currency);
        }

        var rate = shop.Rates.FirstOrDefault(r => r.From == currency && r.To == wallet);
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
