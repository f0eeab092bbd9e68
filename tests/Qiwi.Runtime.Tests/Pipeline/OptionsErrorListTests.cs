using Qiwi.Runtime.Tests.Generated;
using Qiwi.Runtime.Tests.Infrastructure;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>
/// Red team: seeded options with 0 to all of their settings spoiled, each in a way of its own, from every check the
/// runtime and the generated options make. <see cref="QiwiClientOptions.GetErrors"/> names exactly the bad settings,
/// each once; <see cref="QiwiClientOptions.Validate"/> (and so a client's constructor) throws one ArgumentException whose
/// message lists them all and whose ParamName is the first; no message holds the password or a URL's user info.
/// </summary>
public sealed class OptionsErrorListTests
{
    private const string UrlSecret = "u-s3cr3t-пароль";

    private sealed record Mistake(string[] Bad, Action<QiwiPullClientOptions> Spoil);

    private static Mistake M(Action<QiwiPullClientOptions> spoil, params string[] bad) => new(bad, spoil);

    private static readonly Mistake[][] Slots =
    [
        [M(o => o.BaseUrl = null!, "BaseUrl"), M(o => o.BaseUrl = new Uri("/api", UriKind.Relative), "BaseUrl"), M(o => o.BaseUrl = new Uri("ftp://api.qiwi.test/"), "BaseUrl"),
         M(o => o.BaseUrl = new Uri("https://api.qiwi.test/?region=ru"), "BaseUrl"), M(o => o.BaseUrl = new Uri("https://api.qiwi.test/#top"), "BaseUrl"),
         M(o => o.BaseUrl = new Uri("https://1:" + Uri.EscapeDataString(UrlSecret) + "@api.qiwi.test/"), "BaseUrl")],
        [M(o => o.SandboxBaseUrl = new Uri("sandbox", UriKind.Relative), "SandboxBaseUrl"), M(o => o.SandboxBaseUrl = new Uri("localhost:5080"), "SandboxBaseUrl"),
         M(o => o.SandboxBaseUrl = new Uri("http://127.0.0.1:5080/?x"), "SandboxBaseUrl"), M(o => o.SandboxBaseUrl = new Uri("http://1:" + Uri.EscapeDataString(UrlSecret) + "@127.0.0.1:5080/"), "SandboxBaseUrl")],
        [M(o => o.ApiId = null!, "ApiId"), M(o => o.ApiId = "", "ApiId"), M(o => o.ApiId = "  ", "ApiId"), M(o => o.ApiId = "234:41", "ApiId")],
        [M(o => o.ApiPassword = null!, "ApiPassword"), M(o => o.ApiPassword = "", "ApiPassword")],
        [M(o => o.MediaType = (QiwiMediaType)2, "MediaType"), M(o => o.MediaType = (QiwiMediaType)(-1), "MediaType")],
        [M(o => o.Timeout = TimeSpan.Zero, "Timeout"), M(o => o.Timeout = TimeSpan.FromSeconds(-3), "Timeout"), M(o => o.Timeout = TimeSpan.MinValue, "Timeout")],
        [M(o => o.TimeProvider = null!, "TimeProvider")],
        [M(o => o.Retry = null!, "Retry"), M(o => o.Retry.MaxAttempts = 0, "Retry.MaxAttempts"), M(o => o.Retry.BaseDelay = TimeSpan.FromSeconds(-1), "Retry.BaseDelay"),
         M(o => (o.Retry.BaseDelay, o.Retry.MaxDelay) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), "Retry.MaxDelay"),
         M(o => o.Retry.Jitter = null!, "Retry.Jitter"),
         M(o => (o.Retry.MaxAttempts, o.Retry.BaseDelay, o.Retry.MaxDelay, o.Retry.Jitter) = (-4, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(-1), null!), "Retry.MaxAttempts", "Retry.BaseDelay", "Retry.MaxDelay", "Retry.Jitter")],
        [M(o => o.ShopId = null, "ShopId"), M(o => o.ShopId = -1, "ShopId"), M(o => o.ShopId = long.MinValue, "ShopId")],
    ];

    [Fact]
    public void Seeded_options_list_every_bad_setting_once_and_validate_throws_one_exception_naming_them_all()
    {
        const int Seed = 20261126;
        var random = new Random(Seed);
        var (clean, many) = (0, 0);
        for (var i = 0; i < 400; i++)
        {
            var password = "pw-" + random.Next().ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "-секрет";
            var options = new QiwiPullClientOptions { ApiId = "23441234", ApiPassword = password, ShopId = random.Next(0, 1_000_000), BaseUrl = new Uri("https://api.qiwi.test/") };
            var spoiled = Enumerable.Range(0, Slots.Length).OrderBy(_ => random.Next()).Take(random.Next(0, Slots.Length + 1)).Order().ToList();
            var expected = new List<string>();
            foreach (var slot in spoiled)
            {
                var mistake = Slots[slot][random.Next(Slots[slot].Length)];
                mistake.Spoil(options);
                expected.AddRange(mistake.Bad);
            }

            (clean, many) = (clean + (expected.Count == 0 ? 1 : 0), many + (spoiled.Count >= 3 ? 1 : 0));
            var label = $"seed {Seed} case {i}: [{string.Join(", ", expected)}]";
            var errors = options.GetErrors();
            Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(errors.Select(e => e.Option).Order(StringComparer.Ordinal)), $"{label}: GetErrors named [{string.Join(", ", errors.Select(e => e.Option))}]");
            Assert.All(errors, error => Assert.StartsWith(error.Option + " ", error.Message, StringComparison.Ordinal));

            using var http = new HttpClient();
            if (expected.Count == 0)
            {
                options.Validate();
                _ = new QiwiPullClient(http, options);
                continue;
            }

            foreach (var thrown in new[] { Assert.Throws<ArgumentException>(options.Validate), Assert.Throws<ArgumentException>(() => new QiwiPullClient(http, options)) })
            {
                Assert.Equal(errors[0].Option, thrown.ParamName);
                Assert.All(errors, error => Assert.Contains(error.Message, thrown.Message, StringComparison.Ordinal));
                foreach (var text in new[] { thrown.Message, thrown.ToString() }.Concat(errors.Select(e => e.ToString())))
                {
                    Assert.True(!text.Contains(password, StringComparison.Ordinal) && !text.Contains(UrlSecret, StringComparison.Ordinal) && !text.Contains(Uri.EscapeDataString(UrlSecret), StringComparison.Ordinal), $"{label}: a secret reached a message");
                }
            }
        }

        Assert.True(clean > 10 && many > 100, $"the seed drew {clean} valid and {many} many-mistake cases: too few to test both");
    }

    [Fact]
    public void One_bad_setting_keeps_the_message_and_parameter_name_it_always_had()
    {
        var options = new QiwiClientOptions { ApiId = "", ApiPassword = "pw" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal("ApiId is required. (Parameter 'ApiId')", error.Message);
        Assert.Equal("ApiId", error.ParamName);
    }

    [Fact]
    public void A_guards_failure_becomes_the_settings_error_without_the_runtimes_parameter_and_value_lines()
    {
        var options = new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw", ShopId = -5 };

        var error = Assert.Single(options.GetErrors());

        Assert.Equal(("ShopId", "ShopId must be at least 0."), (error.Option, error.Message));
    }
}
