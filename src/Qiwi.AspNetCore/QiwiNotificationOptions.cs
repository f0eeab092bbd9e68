using Microsoft.AspNetCore.Authentication.Certificate;
using Qiwi.Runtime;

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

    /// <summary>
    /// Checks the options; throws an <see cref="ArgumentException"/> when any setting is bad: its message lists every
    /// failure (<see cref="GetErrors"/>), its <see cref="ArgumentException.ParamName"/> is the first bad setting. No
    /// message quotes the password, a pinned thumbprint or an issuer.
    /// </summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
        {
            throw QiwiOptionsError.ToException(errors);
        }
    }

    /// <summary>
    /// Every failed check, one per bad setting, in the order of the settings (empty when the options are valid); each
    /// setting is checked whatever the others are, so one look shows every mistake. Never throws for a bad setting.
    /// </summary>
    public IReadOnlyList<QiwiOptionsError> GetErrors()
    {
        var errors = new List<QiwiOptionsError>();
        if (!Enum.IsDefined(Authentication))
        {
            // Configuration reads a number as an enum value: "Authentication": "7" would have been checked as Basic.
            errors.Add(new(nameof(Authentication), "Authentication must be Basic, Signature or Certificate."));
        }

        if (MaxBodyBytes <= 0)
        {
            errors.Add(new(nameof(MaxBodyBytes), "MaxBodyBytes must be above 0."));
        }

        if ((BodyTimeout <= TimeSpan.Zero || BodyTimeout.TotalMilliseconds > int.MaxValue) && BodyTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add(new(nameof(BodyTimeout), "BodyTimeout must be above 0 and at most 24 days (or Timeout.InfiniteTimeSpan)."));
        }

        if (Authentication == QiwiNotificationAuthentication.Certificate)
        {
            AddCertificateErrors(errors);
        }
        else if (Enum.IsDefined(Authentication))
        {
            if (string.IsNullOrEmpty(NotificationPassword))
            {
                errors.Add(new(nameof(NotificationPassword), "NotificationPassword is required."));
            }
            else if (QiwiSettingText.HasControlOrOuterSpace(NotificationPassword))
            {
                // A secret file's trailing line break, or a space copied with it: no notification would ever verify.
                errors.Add(new(nameof(NotificationPassword), "NotificationPassword must not contain control characters or start or end with white space (a line break at the end of a secret file, or a space copied with it?); its value is not shown."));
            }

            if (Authentication == QiwiNotificationAuthentication.Basic && string.IsNullOrWhiteSpace(ShopId))
            {
                errors.Add(new(nameof(ShopId), "ShopId is required for Basic authorization."));
            }
            else if (Authentication == QiwiNotificationAuthentication.Basic && ShopId.Contains(':', StringComparison.Ordinal))
            {
                errors.Add(new(nameof(ShopId), "ShopId must not contain ':' (it is the Basic authorization login): no notification would pass."));
            }
        }

        return errors;
    }

    private void AddCertificateErrors(List<QiwiOptionsError> errors)
    {
        if (string.IsNullOrWhiteSpace(CertificateScheme))
        {
            errors.Add(new(nameof(CertificateScheme), "CertificateScheme is required for certificate authentication."));
        }

        // Chain validation alone would accept any certificate a trusted CA ever issued to anyone.
        if (CertificateThumbprints.Count == 0 && CertificateIssuers.Count == 0)
        {
            errors.Add(new(nameof(CertificateThumbprints), "CertificateThumbprints is empty and no issuer is pinned: certificate authentication needs at least one pin."));
        }
        else if (CertificateThumbprints.Count(static pin => !QiwiNotificationCertificate.IsThumbprint(pin)) is > 0 and var unusable)
        {
            // A SHA-1 thumbprint (40 digits) or a typo would never match: every notification would be refused.
            errors.Add(new(nameof(CertificateThumbprints), $"CertificateThumbprints has {unusable} entries that are no SHA-256 thumbprint (64 hex digits; colons and spaces ignored); their values are not shown."));
        }

        if (CertificateIssuers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new(nameof(CertificateIssuers), "CertificateIssuers has an empty entry; a pinned issuer is a distinguished name such as CN=QIWI CA."));
        }
    }

    /// <summary>The options without the password.</summary>
    public override string ToString()
        => $"QiwiNotificationOptions {{ Authentication = {Authentication}, ShopId = {ShopId}, NotificationPassword = ***, CertificateThumbprints = {CertificateThumbprints.Count}, CertificateIssuers = {CertificateIssuers.Count} }}";
}
