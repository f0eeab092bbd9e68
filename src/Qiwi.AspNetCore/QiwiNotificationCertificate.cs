using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.Extensions.DependencyInjection;

namespace Qiwi.AspNetCore;

/// <summary>
/// The third way to authenticate a notification: the client TLS certificate QIWI presents. ASP.NET Core's
/// certificate authentication validates it (chain, validity period, client-authentication use); the endpoint then
/// requires it to be pinned (<see cref="QiwiNotificationOptions.CertificateThumbprints"/>,
/// <see cref="QiwiNotificationOptions.CertificateIssuers"/>). Kestrel must ask for the certificate
/// (<c>ClientCertificateMode.AllowCertificate</c> or <c>RequireCertificate</c>) and leave its validation to this
/// handler (<c>AllowAnyClientCertificate()</c>).
/// </summary>
public static class QiwiNotificationCertificate
{
    /// <summary>
    /// Registers ASP.NET Core's certificate authentication for notifications: chained and self-signed certificates
    /// (self-signed ones pass only when pinned by thumbprint), validity period and client-authentication use checked,
    /// and, when <paramref name="trustedRoots"/> are given, chains validated against those roots only.
    /// </summary>
    /// <param name="builder">The app's authentication builder (<c>services.AddAuthentication()</c>).</param>
    /// <param name="trustedRoots">The roots QIWI's certificate chains to; null or empty for the system's store.</param>
    /// <param name="configure">Anything else (revocation mode, say: the default checks online). Events it sets run first; the
    /// certificate the scheme validated is then kept for the endpoint to pin.</param>
    /// <param name="scheme">The scheme name; set the same in <see cref="QiwiNotificationOptions.CertificateScheme"/>.</param>
    public static AuthenticationBuilder AddQiwiNotificationCertificate(
        this AuthenticationBuilder builder,
        X509Certificate2Collection? trustedRoots = null,
        Action<CertificateAuthenticationOptions>? configure = null,
        string scheme = CertificateAuthenticationDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCertificate(scheme, options =>
        {
            options.AllowedCertificateTypes = CertificateTypes.All;
            options.ValidateCertificateUse = true;
            options.ValidateValidityPeriod = true;
            if (trustedRoots is { Count: > 0 })
            {
                options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
                options.CustomTrustStore.AddRange(trustedRoots);
            }

            configure?.Invoke(options);

            // The certificate this scheme validated, kept on the request: the endpoint pins that one, not whatever the
            // connection reports later (certificate forwarding run after authentication replaces it; the handler's
            // result, cached per request, is still about the first one).
            var events = options.Events ?? new CertificateAuthenticationEvents();
            var validated = events.OnCertificateValidated;
            events.OnCertificateValidated = async context =>
            {
                await validated(context).ConfigureAwait(false);
                if (context.Result is null or { Succeeded: true })
                {
                    context.HttpContext.Features.Set(new ValidatedCertificate(scheme, context.ClientCertificate));
                }
            };
            options.Events = events;
        });
    }

    /// <summary>The certificate the scheme <paramref name="Scheme"/> validated for this request.</summary>
    internal sealed record ValidatedCertificate(string Scheme, X509Certificate2 Certificate);

    /// <summary>Whether <paramref name="certificate"/> is pinned by the options: its SHA-256 thumbprint, or (chained only) its issuer.</summary>
    public static bool IsPinned(X509Certificate2 certificate, QiwiNotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(options);
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        foreach (var pin in options.CertificateThumbprints)
        {
            if (string.Equals(Normalize(pin), thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (IsSelfSigned(certificate))
        {
            return false;
        }

        var issuer = certificate.IssuerName.Name;
        foreach (var pin in options.CertificateIssuers)
        {
            if (string.Equals(CanonicalName(pin), issuer, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="pin"/> is a SHA-256 thumbprint: 64 hex digits once colons and spaces are removed.</summary>
    internal static bool IsThumbprint(string? pin)
        => pin is not null && Normalize(pin) is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);

    private static string Normalize(string thumbprint) => thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static string CanonicalName(string distinguishedName)
    {
        try
        {
            return new X500DistinguishedName(distinguishedName).Name;
        }
        catch (CryptographicException)
        {
            return distinguishedName;
        }
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
