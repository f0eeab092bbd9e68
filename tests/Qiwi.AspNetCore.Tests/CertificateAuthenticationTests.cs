using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qiwi.AspNetCore.Tests.Generated;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// The third authentication mode: the client TLS certificate QIWI presents, over a real loopback Kestrel with TLS,
/// validated by ASP.NET Core's certificate authentication and pinned by thumbprint or issuer.
/// </summary>
public sealed class CertificateAuthenticationTests : IClassFixture<CertificateAuthenticationTests.Certificates>
{
    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("command", "bill"), new("bill_id", "BILL-1"), new("status", "paid"), new("error", "0"), new("amount", "1.00"),
        new("user", "tel:+79031811737"), new("prv_name", "Retail_Store"), new("ccy", "RUB"), new("comment", "test"),
    ];

    private readonly Certificates _certificates;

    public CertificateAuthenticationTests(Certificates certificates) => _certificates = certificates;

    [Fact]
    public async Task A_pinned_certificate_is_accepted_and_every_other_gets_150_without_reaching_the_handler()
    {
        var c = _certificates;
        var received = new List<string>();
        await using var server = await LoopbackServer.Start(c.Server, [c.QiwiCa], options =>
        {
            options.CertificateThumbprints.Add(TestCertificates.Sha256(c.Qiwi));
            options.CertificateThumbprints.Add(string.Join(':', Enumerable.Range(0, 32).Select(i => TestCertificates.Sha256(c.SelfSigned).Substring(i * 2, 2).ToLowerInvariant())));
            options.CertificateThumbprints.Add(TestCertificates.Sha256(c.Rogue));
            options.CertificateThumbprints.Add(TestCertificates.Sha256(c.Expired));
        }, (n, _, _) => { received.Add(n.BillId); return Task.CompletedTask; });

        Assert.Equal(0, await server.Post(Form, c.Qiwi));
        Assert.Equal(0, await server.Post(Form, c.SelfSigned)); // the docs allow self-signed certificates, pinned by thumbprint
        Assert.Equal(150, await server.Post(Form, certificate: null)); // no certificate
        Assert.Equal(150, await server.Post(Form, c.Rogue)); // pinned, but issued by a CA that is not trusted
        Assert.Equal(150, await server.Post(Form, c.Expired)); // pinned and trusted, but expired
        Assert.Equal(150, await server.Post(Form, c.OtherQiwi)); // trusted, but the wrong thumbprint
        Assert.Equal(150, await server.Post(Form, c.OtherSelfSigned)); // self-signed, not pinned
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task An_issuer_pin_accepts_that_ca_only_and_never_a_self_signed_certificate_naming_it()
    {
        var c = _certificates;
        var calls = 0;
        await using var server = await LoopbackServer.Start(c.Server, [c.QiwiCa, c.OtherCa], options => options.CertificateIssuers.Add("CN=QIWI Test CA"), (_, _, _) => { calls++; return Task.CompletedTask; });

        Assert.Equal(0, await server.Post(Form, c.Qiwi));
        Assert.Equal(0, await server.Post(Form, c.OtherQiwi));
        Assert.Equal(150, await server.Post(Form, c.OtherCaClient)); // trusted root, wrong issuer
        Assert.Equal(150, await server.Post(Form, c.SpoofedIssuer)); // self-signed, subject and issuer "CN=QIWI Test CA"
        Assert.Equal(150, await server.Post(Form, c.Rogue)); // untrusted
        Assert.Equal(150, await server.Post(Form, certificate: null));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Certificate_mode_needs_a_pin_and_the_registered_scheme()
    {
        Assert.Throws<ArgumentException>(() => new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Certificate }.Validate());
        new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Certificate, CertificateIssuers = { "CN=x" } }.Validate();

        var app = WebApplication.CreateBuilder().Build();
        var options = new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Certificate, CertificateIssuers = { "CN=x" } };
        var error = Assert.Throws<ArgumentException>(() => app.MapQiwiNotifications("/n", BillNotificationWebhook.Descriptor, options, (_, _, _) => Task.CompletedTask));
        Assert.Contains("AddQiwiNotificationCertificate", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Made once for the class: two trusted CAs, an untrusted one, and client certificates of each kind.</summary>
    public sealed class Certificates : IDisposable
    {
        public Certificates()
        {
            QiwiCa = TestCertificates.Authority("QIWI Test CA");
            OtherCa = TestCertificates.Authority("Other Trusted CA");
            RogueCa = TestCertificates.Authority("Rogue CA");
            Qiwi = TestCertificates.Client("qiwi-notifications", QiwiCa);
            OtherQiwi = TestCertificates.Client("someone-else", QiwiCa);
            OtherCaClient = TestCertificates.Client("qiwi-notifications", OtherCa);
            Rogue = TestCertificates.Client("qiwi-notifications", RogueCa);
            Expired = TestCertificates.Client("qiwi-notifications", QiwiCa, expired: true);
            SelfSigned = TestCertificates.Client("qiwi-self-signed", null);
            OtherSelfSigned = TestCertificates.Client("qiwi-self-signed", null);
            SpoofedIssuer = TestCertificates.Client("QIWI Test CA", null);
            Server = TestCertificates.Server();
        }

        public X509Certificate2 QiwiCa { get; }

        public X509Certificate2 OtherCa { get; }

        public X509Certificate2 RogueCa { get; }

        public X509Certificate2 Qiwi { get; }

        public X509Certificate2 OtherQiwi { get; }

        public X509Certificate2 OtherCaClient { get; }

        public X509Certificate2 Rogue { get; }

        public X509Certificate2 Expired { get; }

        public X509Certificate2 SelfSigned { get; }

        public X509Certificate2 OtherSelfSigned { get; }

        public X509Certificate2 SpoofedIssuer { get; }

        public X509Certificate2 Server { get; }

        public void Dispose()
        {
            foreach (var certificate in new[] { QiwiCa, OtherCa, RogueCa, Qiwi, OtherQiwi, OtherCaClient, Rogue, Expired, SelfSigned, OtherSelfSigned, SpoofedIssuer, Server })
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>Kestrel on 127.0.0.1 with TLS, asking for a client certificate and leaving its validation to the authentication handler.</summary>
    private sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Uri _address;
        private readonly X509Certificate2 _serverCertificate;

        private LoopbackServer(WebApplication app, Uri address, X509Certificate2 serverCertificate)
        {
            _app = app;
            _address = address;
            _serverCertificate = serverCertificate;
        }

        public static async Task<LoopbackServer> Start(X509Certificate2 serverCertificate, X509Certificate2[] trustedRoots, Action<QiwiNotificationOptions> pin, Func<BillNotification, Microsoft.AspNetCore.Http.HttpContext, CancellationToken, Task> handler)
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate, https =>
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            })));
            builder.Services.AddAuthentication().AddQiwiNotificationCertificate(
                new X509Certificate2Collection(trustedRoots),
                certificate => certificate.RevocationMode = X509RevocationMode.NoCheck); // the test CAs publish no revocation lists
            var app = builder.Build();
            var options = new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Certificate };
            pin(options);
            app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor, options, handler);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new LoopbackServer(app, new Uri(new Uri(address), "/qiwi/notify"), serverCertificate);
        }

        /// <summary>Posts the form over TLS presenting <paramref name="certificate"/>; returns the reply's result code.</summary>
        public async Task<int> Post(KeyValuePair<string, string>[] form, X509Certificate2? certificate)
        {
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _serverCertificate.GetCertHashString();
            if (certificate is not null)
            {
                handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
                handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
            }

            using var client = new HttpClient(handler);
            using var response = await client.PostAsync(_address, new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            var start = body.IndexOf("<result_code>", StringComparison.Ordinal) + "<result_code>".Length;
            return int.Parse(body[start..body.IndexOf("</result_code>", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
