using System.Net;
using Microsoft.AspNetCore.Http;

namespace Qiwi.AspNetCore;

/// <summary>
/// The source networks QIWI posts notifications from, as its docs publish them ("the merchant must whitelist
/// the following IP subnets": 91.232.230.0/23 and 79.142.16.0/20). Add them to
/// <see cref="QiwiNotificationOptions.AllowedNetworks"/> to refuse every other source.
/// </summary>
public static class QiwiNotificationNetworks
{
    /// <summary>QIWI's published notification networks.</summary>
    public static IReadOnlyList<IPNetwork> Published { get; } = [IPNetwork.Parse("91.232.230.0/23"), IPNetwork.Parse("79.142.16.0/20")];

    /// <summary>
    /// True when no allow-list is configured, or when the caller's address (<see cref="ConnectionInfo.RemoteIpAddress"/>,
    /// which ASP.NET Core's forwarded-headers middleware sets from <c>X-Forwarded-For</c> when the request came
    /// through a proxy it trusts) is in one of the allowed networks. IPv4 addresses mapped to IPv6 count as IPv4.
    /// </summary>
    internal static bool Allows(IList<IPNetwork> allowed, IPAddress? caller)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        if (caller is null)
        {
            return false;
        }

        var address = caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller;
        return allowed.Any(network => network.Contains(address));
    }
}
