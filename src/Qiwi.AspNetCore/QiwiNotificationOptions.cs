using Microsoft.AspNetCore.Authentication.Certificate;

namespace Qiwi.AspNetCore;

/// <summary>How the notification endpoint checks who is calling.</summary>
public sealed class QiwiNotificationOptions
{
    /// <summary>Basic authorization, signature, or client certificate.</summary>
    public QiwiNotificationAuthentication Authentication { get; set; } = QiwiNotificationAuthentication.Basic;

    /// <summary>The authentication scheme that validates the client certificate (certificate mode); ASP.NET Core's default name.</summary>
    public string CertificateScheme { get; set; } = CertificateAuthenticationDefaults.AuthenticationScheme;

    /// <summary>
    /// Certificate mode: SHA-256 thumbprints (hex; colons and spaces ignored) of the certificates QIWI may present.
    /// A certificate pinned here is accepted even when self-signed (the docs allow self-signed certificates).
    /// </summary>
    public IList<string> CertificateThumbprints { get; } = new List<string>();

    /// <summary>
    /// Certificate mode: distinguished names of the CAs whose certificates QIWI may present (e.g. <c>CN=QIWI CA</c>).
    /// Only for a certificate that chains to a trusted root: a self-signed certificate names its own issuer, so an
    /// issuer pin never accepts one.
    /// </summary>
    public IList<string> CertificateIssuers { get; } = new List<string>();

    /// <summary>The Shop ID: the login of Basic authorization.</summary>
    public string ShopId { get; set; } = string.Empty;

    /// <summary>The notification password. A secret: never shown by <see cref="ToString"/> or logs.</summary>
    public string NotificationPassword { get; set; } = string.Empty;

    /// <summary>
    /// The source networks allowed to post notifications; empty (the default) allows any. Typically
    /// <see cref="QiwiNotificationNetworks.Published"/>. The caller is <c>HttpContext.Connection.RemoteIpAddress</c>:
    /// behind a reverse proxy, add ASP.NET Core's forwarded-headers middleware with the proxy as a known proxy,
    /// or every request seems to come from the proxy. Other sources get HTTP 403 and never reach the handler.
    /// </summary>
    public IList<System.Net.IPNetwork> AllowedNetworks { get; } = new List<System.Net.IPNetwork>();

    /// <summary>
    /// Where applied notifications are remembered so that repeats are recognized across restarts and nodes;
    /// null (the default) uses the <see cref="IQiwiNotificationStore"/> registered in DI, if any. Copies arriving
    /// together at one node go through one at a time with or without a store (see <see cref="IQiwiNotificationStore"/>).
    /// </summary>
    public IQiwiNotificationStore? Store { get; set; }

    /// <summary>
    /// The longest notification body read, in bytes (default 64 KiB; a QIWI notification is under 1 KiB). A longer one
    /// is refused as malformed before it is read whole, instead of up to the server's own limit (Kestrel's 30 MB) per
    /// request from anyone who can reach the endpoint.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The longest the body may take to arrive once its reading began (default 10 s; QIWI sends a notification of under
    /// 1 KiB at once). A body still coming after that ends its connection with no reply (QIWI repeats a notification it
    /// got no reply to), having never reached the handler. Kestrel's minimum data rate (240 bytes/s after 5 s, by
    /// default) usually ends a trickled body sooner; this bound holds where that rate is switched off or the host has
    /// none, and keeps a body of <see cref="MaxBodyBytes"/> sent just above the rate from holding a request for minutes.
    /// </summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Lets the copies of one notification through one at a time at the endpoints mapped with these options (in this
    /// process): see <see cref="IQiwiNotificationStore"/>.
    /// </summary>
    internal QiwiNotificationGate Gate { get; } = new();

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (MaxBodyBytes <= 0)
        {
            throw new ArgumentException("MaxBodyBytes must be above 0.", nameof(MaxBodyBytes));
        }

        if ((BodyTimeout <= TimeSpan.Zero || BodyTimeout.TotalMilliseconds > int.MaxValue) && BodyTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("BodyTimeout must be above 0 and at most 24 days (or Timeout.InfiniteTimeSpan).", nameof(BodyTimeout));
        }

        if (Authentication == QiwiNotificationAuthentication.Certificate)
        {
            // Chain validation alone would accept any certificate a trusted CA ever issued to anyone.
            if (CertificateThumbprints.Count == 0 && CertificateIssuers.Count == 0)
            {
                throw new ArgumentException("Certificate authentication needs at least one pinned thumbprint or issuer.", nameof(CertificateThumbprints));
            }

            if (string.IsNullOrWhiteSpace(CertificateScheme))
            {
                throw new ArgumentException("CertificateScheme is required for certificate authentication.", nameof(CertificateScheme));
            }

            return;
        }

        if (string.IsNullOrEmpty(NotificationPassword))
        {
            throw new ArgumentException("NotificationPassword is required.", nameof(NotificationPassword));
        }

        if (Authentication == QiwiNotificationAuthentication.Basic && string.IsNullOrWhiteSpace(ShopId))
        {
            throw new ArgumentException("ShopId is required for Basic authorization.", nameof(ShopId));
        }
    }

    /// <summary>The options without the password.</summary>
    public override string ToString()
        => $"QiwiNotificationOptions {{ Authentication = {Authentication}, ShopId = {ShopId}, NotificationPassword = ***, CertificateThumbprints = {CertificateThumbprints.Count}, CertificateIssuers = {CertificateIssuers.Count} }}";
}
