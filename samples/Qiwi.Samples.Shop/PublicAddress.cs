using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Qiwi.Samples.Shop;

/// <summary>
/// The shop's public address: what the checkout link sends the payer back to (<c>success</c>, <c>fail</c> under it).
/// Never read from a request (its <c>Host</c> or <c>X-Forwarded-Host</c> is whatever the sender wrote): it is
/// <c>Shop:PublicBaseUrl</c>, or, where <see cref="Parse"/> allows none (Development, the embedded sandbox), the
/// address the shop listens on.
/// </summary>
public sealed class PublicAddress
{
    private readonly Uri? _configured;
    private readonly IServer _server;
    private Uri? _listening;

    public PublicAddress(Uri? configured, IServer server)
    {
        _configured = configured;
        _server = server;
    }

    /// <summary>The base URL, ending with <c>/</c>.</summary>
    public Uri BaseUrl => _configured ?? (_listening ??= Listening(_server));

    /// <summary>The return page <paramref name="page"/> (<c>success</c>, <c>fail</c>) under the base URL.</summary>
    public Uri Page(string page) => new(BaseUrl, page);

    /// <summary>
    /// Checks <c>Shop:PublicBaseUrl</c>: an absolute <c>https</c> URL (<c>http</c> only for a loopback host) without
    /// user name, query or fragment; its path is given a trailing <c>/</c>. Unset is allowed only when
    /// <paramref name="listeningAllowed"/> (then null: the listening address is used). Refuses anything else naming the key.
    /// </summary>
    public static Uri? Parse(string? value, bool listeningAllowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return listeningAllowed
                ? null
                : throw new InvalidOperationException(
                    "Shop:PublicBaseUrl is required (outside Development, with a real QIWI endpoint): the shop's public address, e.g. https://shop.example.com/, which the payer comes back to after paying. It is never taken from a request's Host header.");
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.Host.Length == 0)
        {
            throw Invalid(value, "an absolute http(s) URL");
        }

        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw Invalid(value, "a URL without user name, query or fragment");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw Invalid(value, "https (plain http only for a loopback address): the return URL travels to QIWI and back in the payer's browser");
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");
    }

    private static InvalidOperationException Invalid(string value, string what)
        => new($"Shop:PublicBaseUrl must be {what}; '{value}' is not.");

    /// <summary>The first address the server listens on, a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) as <c>localhost</c>.</summary>
    private static Uri Listening(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The shop has no listening address yet, and Shop:PublicBaseUrl is not set.");
        var builder = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (IPAddress.TryParse(builder.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            builder.Host = "localhost";
        }

        builder.Path = builder.Path.EndsWith('/') ? builder.Path : builder.Path + "/";
        return builder.Uri;
    }
}
