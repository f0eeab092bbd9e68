using System.Net;
using static Qiwi.AspNetCore.Tests.NotificationServer;

namespace Qiwi.AspNetCore.Tests.RedTeam2;

/// <summary>
/// <see cref="QiwiNotificationOptions.AllowedNetworks"/> with QIWI's published networks, attacked at the edges: the
/// first and last address of each range and their neighbours, IPv4 written as IPv6 (mapped, compatible, 6to4), both
/// loopbacks, no address at all; and behind a trusted proxy, <c>X-Forwarded-For</c> lists an attacker writes to
/// (QIWI's address put first, the header twice, with a port, not an address).
/// </summary>
public sealed class NetworkAllowListTests
{
    private static readonly KeyValuePair<string, string>[] Notification = Form("N-1", "paid");

    [Theory]
    [InlineData("91.232.229.255", 403)]
    [InlineData("91.232.230.0", 200)]
    [InlineData("91.232.231.255", 200)]
    [InlineData("91.232.232.0", 403)]
    [InlineData("79.142.15.255", 403)]
    [InlineData("79.142.16.0", 200)]
    [InlineData("79.142.31.255", 200)]
    [InlineData("79.142.32.0", 403)]
    [InlineData("::ffff:91.232.230.0", 200)]
    [InlineData("::ffff:91.232.229.255", 403)]
    [InlineData("::91.232.230.5", 403)] // IPv4-compatible (deprecated): not QIWI's IPv4 address
    [InlineData("2002:5be8:e605::1", 403)] // 6to4 of 91.232.230.5: another host
    [InlineData("::ffff:127.0.0.1", 403)]
    [InlineData("127.0.0.1", 403)]
    [InlineData("::1", 403)]
    [InlineData("", 403)] // no address (a Unix socket, a host that sets none)
    public async Task Only_addresses_inside_the_published_ranges_reach_the_handler(string caller, int expected)
    {
        var calls = 0;
        using var server = await Start(o => o.AllowedNetworks.AddRange(QiwiNotificationNetworks.Published), (_, _, _) => { calls++; return Task.CompletedTask; });

        var (status, _) = await PostBody(server, Body(Notification), r =>
        {
            r.Headers.Authorization = BasicAuthorization;
            r.HttpContext.Connection.RemoteIpAddress = caller.Length == 0 ? null : IPAddress.Parse(caller);
        });

        Assert.Equal(expected, (int)status);
        Assert.Equal(expected == 200 ? 1 : 0, calls);
    }

    [Theory]
    [InlineData(new[] { "203.0.113.5, 91.232.230.5" }, 200)] // the proxy appended QIWI's address to what the client sent
    [InlineData(new[] { "91.232.230.5, 203.0.113.5" }, 403)] // the attacker wrote QIWI's address; the proxy appended the attacker's
    [InlineData(new[] { "91.232.230.5", "203.0.113.5" }, 403)] // the same as two headers
    [InlineData(new[] { "::ffff:91.232.230.5" }, 200)]
    [InlineData(new[] { "91.232.230.5:4711" }, 200)]
    [InlineData(new[] { "[::ffff:91.232.230.5]:4711" }, 200)]
    [InlineData(new[] { "not-an-address" }, 403)]
    [InlineData(new[] { "" }, 403)]
    [InlineData(new[] { "91.232.230.5, not-an-address" }, 403)]
    public async Task Behind_a_trusted_proxy_only_the_address_the_proxy_appended_counts(string[] forwardedFor, int expected)
    {
        var calls = 0;
        using var server = await Start(o => o.AllowedNetworks.AddRange(QiwiNotificationNetworks.Published), (_, _, _) => { calls++; return Task.CompletedTask; }, trustedProxy: IPAddress.Parse("10.1.1.1"));

        var (status, _) = await PostBody(server, Body(Notification), r =>
        {
            r.Headers.Authorization = BasicAuthorization;
            r.Headers["X-Forwarded-For"] = forwardedFor;
            r.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("10.1.1.1");
        });

        Assert.Equal(expected, (int)status);
        Assert.Equal(expected == 200 ? 1 : 0, calls);
    }
}

/// <summary>Adds several networks to an allow-list.</summary>
internal static class NetworkListExtensions
{
    public static void AddRange(this IList<IPNetwork> list, IEnumerable<IPNetwork> networks)
    {
        foreach (var network in networks)
        {
            list.Add(network);
        }
    }
}
