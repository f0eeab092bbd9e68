namespace Qiwi.AspNetCore;

/// <summary>How QIWI proves a notification is its own (set in the merchant's settings on kassa.qiwi.com).</summary>
public enum QiwiNotificationAuthentication
{
    /// <summary>Basic authorization: login = Shop ID, password = notification password.</summary>
    Basic,

    /// <summary>The signature header ("Use HMAC sign instead of basic auth"), keyed with the notification password.</summary>
    Signature,

    /// <summary>
    /// The client TLS certificate QIWI presents ("client SSL certificate verification" in the docs), checked by
    /// ASP.NET Core's certificate authentication (register it with
    /// <see cref="QiwiNotificationCertificate.AddQiwiNotificationCertificate"/>) and pinned by
    /// <see cref="QiwiNotificationOptions.CertificateThumbprints"/> or <see cref="QiwiNotificationOptions.CertificateIssuers"/>.
    /// </summary>
    Certificate,
}
