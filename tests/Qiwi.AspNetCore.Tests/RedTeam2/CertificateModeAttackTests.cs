using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using static Qiwi.AspNetCore.Tests.NotificationSignatureAttackTests;

namespace Qiwi.AspNetCore.Tests.RedTeam2;

/// <summary>
/// Certificate mode attacked over a real Kestrel: a certificate asked for late (Kestrel's <c>DelayCertificate</c>, a
/// renegotiation while the body is unread), a chain the server cannot build, and a certificate forwarded in a header
/// (ASP.NET Core's certificate forwarding, as behind a TLS-terminating proxy) spoofed by a client that reaches the app
/// directly. The refusals are 150, never an HTTP error, and never reach the handler.
/// </summary>
public sealed class CertificateModeAttackTests : IClassFixture<CertificateAuthenticationTests.Certificates>
{
    private const string ForwardingHeader = "X-Client-Cert";
    private readonly CertificateAuthenticationTests.Certificates _c;

    public CertificateModeAttackTests(CertificateAuthenticationTests.Certificates certificates) => _c = certificates;

    [Fact]
    public async Task A_client_certificate_pinned_but_issued_by_an_intermediate_the_server_cannot_find_is_150()
    {
        using var intermediate = TestCertificates.Intermediate("QIWI Issuing CA", _c.QiwiCa);
        using var leaf = TestCertificates.Client("qiwi-notifications", intermediate);
        await using var endpoint = await Tls(ClientCertificateMode.AllowCertificate, o =>
        {
            o.CertificateThumbprints.Add(TestCertificates.Sha256(leaf));
            o.CertificateIssuers.Add("CN=QIWI Issuing CA");
        });

        Assert.Equal((HttpStatusCode.OK, 150), await Post(endpoint, leaf));
        Assert.Equal(0, endpoint.Calls);
    }

    [Fact]
    public async Task A_pinned_certificate_made_for_server_authentication_only_is_150()
    {
        using var serverOnly = TestCertificates.Client("qiwi-notifications", _c.QiwiCa, serverUseOnly: true);
        await using var endpoint = await Tls(ClientCertificateMode.AllowCertificate, o => o.CertificateThumbprints.Add(TestCertificates.Sha256(serverOnly)));

        Assert.Equal((HttpStatusCode.OK, 150), await Post(endpoint, serverOnly));
        Assert.Equal(0, endpoint.Calls);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_certificate_asked_for_after_the_request_arrived_is_checked_without_an_http_error(SslProtocols protocol)
    {
        // The app's default scheme is another one (with the certificate scheme as the only, default one, ASP.NET Core's
        // authentication middleware asks every request for the certificate before any endpoint runs: see reliability.md).
        await using var endpoint = await Tls(ClientCertificateMode.DelayCertificate, o => o.CertificateThumbprints.Add(TestCertificates.Sha256(_c.Qiwi)), CookieAuthenticationDefaults.AuthenticationScheme);

        var pinned = await Post(endpoint, _c.Qiwi, protocol);
        var none = await Post(endpoint, null, protocol);
        var other = await Post(endpoint, _c.OtherQiwi, protocol);

        Assert.Equal(HttpStatusCode.OK, pinned.Status);
        Assert.Equal((HttpStatusCode.OK, 150), none);
        Assert.Equal((HttpStatusCode.OK, 150), other);
        Assert.Equal(pinned.Code == 0 ? 1 : 0, endpoint.Calls);
    }

    [Fact]
    public async Task A_pinned_certificate_in_the_forwarding_header_from_a_direct_client_is_150()
    {
        // The app forwards certificates from a proxy's header; the attacker skips the proxy and sends the header itself,
        // carrying QIWI's certificate (public: it proves nothing without the private key of a TLS handshake).
        await using var endpoint = await KestrelEndpoint.Start(
            o => { o.Authentication = QiwiNotificationAuthentication.Certificate; o.CertificateThumbprints.Add(TestCertificates.Sha256(_c.Qiwi)); },
            services: s =>
            {
                s.AddCertificateForwarding(f => f.CertificateHeader = ForwardingHeader);
                s.AddAuthentication().AddQiwiNotificationCertificate(new X509Certificate2Collection(_c.QiwiCa), v => v.RevocationMode = X509RevocationMode.NoCheck);
            },
            pipeline: app => app.UseCertificateForwarding());

        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Address(https: false)) { Content = new FormUrlEncodedContent(NotificationServer.Form("F-1", "paid")) };
        request.Headers.Add(ForwardingHeader, Convert.ToBase64String(_c.Qiwi.RawData));
        using var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode.OK, 150), (response.StatusCode, SignedEndpoint.ResultCode(await response.Content.ReadAsStringAsync())));
        Assert.Equal(0, endpoint.Calls);
    }

    /// <summary>The endpoint in certificate mode over TLS, Kestrel asking for client certificates in <paramref name="mode"/>; a cookie scheme as the default when <paramref name="defaultScheme"/> names it.</summary>
    [Fact]
    public async Task Over_tls_a_pinned_certificate_in_the_forwarding_header_without_a_handshake_certificate_is_150()
    {
        // A proxy that re-encrypts to the app (TLS to Kestrel too) forwards the certificate in a header; the attacker
        // reaches the app's TLS port directly, presents no certificate (or its own) and sends the header.
        await using var endpoint = await Tls(ClientCertificateMode.AllowCertificate, o => o.CertificateThumbprints.Add(TestCertificates.Sha256(_c.Qiwi)), forwarding: true);

        var spoofed = await Post(endpoint, null, header: Convert.ToBase64String(_c.Qiwi.RawData));
        var spoofedWithOwn = await Post(endpoint, _c.OtherQiwi, header: Convert.ToBase64String(_c.Qiwi.RawData));

        Assert.Equal(((HttpStatusCode.OK, 150), (HttpStatusCode.OK, 150)), (spoofed, spoofedWithOwn));
        Assert.Equal(0, endpoint.Calls);
    }

    private Task<KestrelEndpoint> Tls(ClientCertificateMode mode, Action<QiwiNotificationOptions> pin, string? defaultScheme = null, bool forwarding = false)
        => KestrelEndpoint.Start(
            o => { o.Authentication = QiwiNotificationAuthentication.Certificate; pin(o); },
            listen: l => l.UseHttps(_c.Server, https => { https.ClientCertificateMode = mode; https.AllowAnyClientCertificate(); }),
            services: s =>
            {
                var authentication = defaultScheme is null ? s.AddAuthentication() : s.AddAuthentication(defaultScheme).AddCookie(defaultScheme);
                authentication.AddQiwiNotificationCertificate(new X509Certificate2Collection(_c.QiwiCa), v => v.RevocationMode = X509RevocationMode.NoCheck);
                if (forwarding)
                {
                    s.AddCertificateForwarding(f => f.CertificateHeader = ForwardingHeader);
                }
            },
            pipeline: app =>
            {
                if (forwarding)
                {
                    app.UseCertificateForwarding();
                }
            });

    /// <summary>Posts a notification over TLS presenting <paramref name="certificate"/>; the HTTP status and the result code (-1: none).</summary>
    private async Task<(HttpStatusCode Status, int Code)> Post(KestrelEndpoint endpoint, X509Certificate2? certificate, SslProtocols protocol = SslProtocols.None, string? header = null)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.EnabledSslProtocols = protocol;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _c.Server.GetCertHashString();
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Address(https: true)) { Content = new FormUrlEncodedContent(NotificationServer.Form("C-" + Guid.NewGuid().ToString("N"), "paid")) };
        if (header is not null)
        {
            request.Headers.Add(ForwardingHeader, header);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Contains("<result_code>", StringComparison.Ordinal) ? SignedEndpoint.ResultCode(body) : -1);
    }
}
