using Microsoft.AspNetCore.Builder;
using Qiwi.AspNetCore.Tests.Generated;
using Qiwi.Runtime;

namespace Qiwi.AspNetCore.Tests.RedTeam5;

/// <summary>
/// Options with 0..N mistakes drawn from every check of <see cref="QiwiNotificationOptions"/> (and the two of
/// MapQiwiNotifications): exactly the bad settings are reported, each once, in one exception, and no secret (the
/// notification password, a pinned thumbprint or issuer) is in it anywhere.
/// </summary>
public sealed class NotificationOptionsErrorTests
{
    private const string Secret = "Pa55-SECRET-7f3a";

    /// <summary>Each mistake: the setting it makes bad, and how to make it on options that are otherwise valid for that mode.</summary>
    private sealed record Mistake(string Setting, Func<QiwiNotificationAuthentication, bool> Applies, Action<QiwiNotificationOptions, Random> Make);

    private static readonly Mistake[] Mistakes =
    [
        new("MaxBodyBytes", _ => true, (o, r) => o.MaxBodyBytes = r.Next(2) == 0 ? 0 : -r.Next(1, int.MaxValue)),
        new("BodyTimeout", _ => true, (o, r) => o.BodyTimeout = r.Next(3) switch { 0 => TimeSpan.Zero, 1 => TimeSpan.FromSeconds(-r.Next(1, 100)), _ => TimeSpan.FromDays(25 + r.Next(100)) }),
        new("NotificationPassword", m => m != QiwiNotificationAuthentication.Certificate, (o, r) => o.NotificationPassword = r.Next(6) switch
        {
            0 => string.Empty,
            1 => Secret + "\n",
            2 => Secret + "\r\n",
            3 => " " + Secret,
            4 => Secret + "\t",
            _ => Secret[..1] + "\u0000" + Secret[1..],
        }),
        new("ShopId", m => m == QiwiNotificationAuthentication.Basic, (o, r) => o.ShopId = r.Next(3) switch { 0 => string.Empty, 1 => "  ", _ => "20:42" }),
        new("CertificateScheme", m => m == QiwiNotificationAuthentication.Certificate, (o, r) => o.CertificateScheme = r.Next(2) == 0 ? string.Empty : " "),
        new("CertificateThumbprints", m => m == QiwiNotificationAuthentication.Certificate, (o, r) =>
        {
            // No pin at all (the issuers cleared too), or a pin that can never match: a SHA-1 thumbprint, not hex, null.
            if (r.Next(2) == 0)
            {
                o.CertificateThumbprints.Clear();
                o.CertificateIssuers.Clear();
            }
            else
            {
                o.CertificateThumbprints.Add(r.Next(3) switch { 0 => "AB" + Secret + new string('0', 40), 1 => new string('C', 40), _ => null! });
            }
        }),
        new("CertificateIssuers", m => m == QiwiNotificationAuthentication.Certificate, (o, r) => o.CertificateIssuers.Add(r.Next(2) == 0 ? " " : null!)),
    ];

    [Theory]
    [InlineData(20261126)]
    [InlineData(5)]
    public void Every_bad_setting_is_reported_once_in_one_exception_without_a_secret(int seed)
    {
        var random = new Random(seed);
        var modes = new[] { QiwiNotificationAuthentication.Basic, QiwiNotificationAuthentication.Signature, QiwiNotificationAuthentication.Certificate };
        var seen = new HashSet<string>();
        for (var round = 0; round < 400; round++)
        {
            var mode = modes[random.Next(modes.Length)];
            var options = Valid(mode);
            var applicable = Mistakes.Where(m => m.Applies(mode)).ToList();
            var chosen = applicable.Where(_ => random.Next(3) == 0).ToList();
            if (mode == QiwiNotificationAuthentication.Certificate && chosen.Any(m => m.Setting == "CertificateThumbprints") && chosen.Any(m => m.Setting == "CertificateIssuers"))
            {
                // A bad issuer entry needs the list; "no pin at all" clears it: keep the issuer mistake on its own.
                chosen.RemoveAll(m => m.Setting == "CertificateThumbprints");
            }

            foreach (var mistake in chosen)
            {
                mistake.Make(options, random);
            }

            var expected = chosen.Select(m => m.Setting).Order(StringComparer.Ordinal).ToList();
            var errors = options.GetErrors();
            Assert.Equal(expected, errors.Select(e => e.Option).Order(StringComparer.Ordinal).ToList());
            Assert.All(errors, e => Assert.StartsWith(e.Option, e.Message, StringComparison.Ordinal));
            if (expected.Count == 0)
            {
                options.Validate();
                continue;
            }

            var exception = Assert.Throws<ArgumentException>(options.Validate);
            Assert.Equal(errors[0].Option, exception.ParamName);
            foreach (var setting in expected)
            {
                Assert.Equal(1, Count(exception.Message, setting + " "));
                seen.Add(setting);
            }

            NoSecret(exception, options);
        }

        Assert.Equal(Mistakes.Select(m => m.Setting).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MapQiwiNotifications_reports_the_options_and_its_own_checks_together()
    {
        var app = WebApplication.CreateBuilder().Build();
        var unsigned = new QiwiWebhook<BillNotification>(BillNotificationWebhook.Descriptor.Parse, null, "text/xml", BillNotificationWebhook.Descriptor.FormatReply, BillNotificationWebhook.Descriptor.ReplyCodes);

        // Signature mode on a webhook without a signature, and a bad body bound: both in one exception.
        var signature = new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Signature, NotificationPassword = Secret, MaxBodyBytes = 0 };
        var exception = Assert.Throws<ArgumentException>(() => app.MapQiwiNotifications("/a", unsigned, signature, (_, _, _) => Task.CompletedTask));
        Assert.Equal(1, Count(exception.Message, "MaxBodyBytes "));
        Assert.Equal(1, Count(exception.Message, "Authentication "));
        NoSecret(exception, signature);

        // Certificate mode without the scheme registered (no AddAuthentication), and no pin: both.
        var certificate = new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Certificate, NotificationPassword = Secret };
        exception = Assert.Throws<ArgumentException>(() => app.MapQiwiNotifications("/b", BillNotificationWebhook.Descriptor, certificate, (_, _, _) => Task.CompletedTask));
        Assert.Equal(1, Count(exception.Message, "CertificateScheme "));
        Assert.Equal(1, Count(exception.Message, "CertificateThumbprints "));
        NoSecret(exception, certificate);

        // An Authentication that is no mode (a number read from configuration): refused, not taken as Basic with no ShopId check.
        var undefined = new QiwiNotificationOptions { Authentication = (QiwiNotificationAuthentication)7, NotificationPassword = Secret };
        exception = Assert.Throws<ArgumentException>(() => app.MapQiwiNotifications("/c", BillNotificationWebhook.Descriptor, undefined, (_, _, _) => Task.CompletedTask));
        Assert.Equal("Authentication", exception.ParamName);
        NoSecret(exception, undefined);
    }

    private static QiwiNotificationOptions Valid(QiwiNotificationAuthentication mode)
    {
        var options = new QiwiNotificationOptions { Authentication = mode, ShopId = "2042", NotificationPassword = Secret };
        if (mode == QiwiNotificationAuthentication.Certificate)
        {
            options.CertificateThumbprints.Add(string.Concat(Enumerable.Repeat("aB", 32)));
            options.CertificateIssuers.Add("CN=QIWI " + Secret);
        }

        return options;
    }

    private static void NoSecret(ArgumentException exception, QiwiNotificationOptions options)
    {
        var texts = new List<string?> { exception.Message, exception.ToString(), exception.ParamName, options.ToString() };
        texts.AddRange(exception.Data.Values.Cast<object?>().Select(v => v?.ToString()));
        texts.AddRange(exception.GetType().GetProperties().Select(p => p.GetValue(exception)?.ToString()));
        texts.AddRange(options.GetErrors().SelectMany(e => new[] { e.Message, e.Option, e.ToString() }));
        Assert.All(texts, text => Assert.DoesNotContain(Secret, text ?? string.Empty, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain(new string('C', 40), text ?? string.Empty, StringComparison.Ordinal));
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
