using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qiwi.DependencyInjection.Tests.Infrastructure;

/// <summary>
/// Seeded configurations of section <c>Qiwi</c>, each setting drawn good or with a mistake of its own, from every check
/// the runtime (<c>QiwiClientOptions</c>, the generated <c>ShopId</c>) and the configuration checks make. A slot is a
/// setting (or the two retry delays, which are checked against each other); a mistake in one slot never makes another
/// slot's setting bad, so the bad settings of a configuration are the union of its mistakes' own.
/// </summary>
internal static class ConfigurationMistakes
{
    /// <summary>One setting: its configuration key under <c>Qiwi</c> (<c>Retry:MaxAttempts</c>), its text, or null when absent.</summary>
    internal sealed record Setting(string Key, string? Value);

    /// <summary>The settings of one slot, the options they make bad (<c>Retry.MaxAttempts</c>), and the secrets they hold.</summary>
    internal sealed record Choice(Setting[] Settings, string[] BadOptions, string[] Secrets);

    /// <summary>A drawn configuration: its settings, the options that must be reported, and the secrets no report may hold.</summary>
    internal sealed record Drawn(IReadOnlyList<Setting> Settings, IReadOnlySet<string> BadOptions, IReadOnlyList<string> Secrets, int Mistakes)
    {
        /// <summary>The settings present, as an appsettings JSON text with section <c>Qiwi</c>.</summary>
        public string Json(Func<Setting, bool> include)
        {
            var qiwi = new Dictionary<string, object>();
            foreach (var setting in Settings.Where(s => s.Value is not null && include(s)))
            {
                var parts = setting.Key.Split(':');
                var section = qiwi;
                foreach (var part in parts[..^1])
                {
                    section = (Dictionary<string, object>)(section.TryGetValue(part, out var inner) ? inner : section[part] = new Dictionary<string, object>());
                }

                section[parts[^1]] = setting.Value!;
            }

            return JsonSerializer.Serialize(new Dictionary<string, object> { ["Qiwi"] = qiwi });
        }

        /// <summary>What the case is, for a failure's message (the settings, escaped).</summary>
        public override string ToString()
            => string.Join(", ", Settings.Where(s => s.Value is not null).Select(s => s.Key + "=" + JsonSerializer.Serialize(s.Value)));
    }

    private delegate Choice Draw(Random random);

    private sealed record Slot(Draw[] Good, Draw[] Bad);

    private static Choice One(string key, string? value, params string[] bad) => new([new Setting(key, value)], bad, []);

    private static string Number(Random random, int max) => random.Next(0, max).ToString(CultureInfo.InvariantCulture);

    /// <summary>A password of at least six characters (two seeded ones), none of them white space at its ends.</summary>
    private static string Secret(Random random) => SeededSecrets.Password(random) + SeededSecrets.Password(random);

    private static Choice Password(string value, params string[] secrets) => new([new Setting("ApiPassword", value)], ["ApiPassword"], secrets);

    private static Choice Url(string key, string value) => One(key, value, key.Replace(':', '.'));

    private static Choice UrlWithUserInfo(Random random, string key, string host)
    {
        var secret = Secret(random);
        var escaped = Uri.EscapeDataString(secret);
        return new([new Setting(key, "http://" + SeededSecrets.ApiId(random) + ":" + escaped + "@" + host + "/")], [key], [secret, escaped]);
    }

    private static Choice Delays(string? baseDelay, string? maxDelay, params string[] bad)
        => new([new Setting("Retry:BaseDelay", baseDelay), new Setting("Retry:MaxDelay", maxDelay)], bad, []);

    private static readonly Slot[] Slots =
    [
        new( // BaseUrl
            [r => One("BaseUrl", null), r => One("BaseUrl", "https://api.qiwi.test"), r => One("BaseUrl", "https://gw.qiwi.test/partner/")],
            [r => Url("BaseUrl", "api.qiwi.com"), r => Url("BaseUrl", "ftp://api.qiwi.test/"), r => Url("BaseUrl", "https://api.qiwi.test/?region=ru"),
             r => Url("BaseUrl", "https://api.qiwi.test/#top"), r => UrlWithUserInfo(r, "BaseUrl", "api.qiwi.test")]),
        new( // SandboxBaseUrl
            [r => One("SandboxBaseUrl", null), r => One("SandboxBaseUrl", "http://127.0.0.1:5080/")],
            [r => Url("SandboxBaseUrl", "localhost:5080"), r => Url("SandboxBaseUrl", "/sandbox"), r => Url("SandboxBaseUrl", "http://127.0.0.1:5080/?x"),
             r => UrlWithUserInfo(r, "SandboxBaseUrl", "127.0.0.1:5080")]),
        new( // ApiId
            [r => One("ApiId", SeededSecrets.ApiId(r))],
            [r => One("ApiId", null, "ApiId"), r => One("ApiId", string.Empty, "ApiId"), r => One("ApiId", "   ", "ApiId"), r => One("ApiId", " " + SeededSecrets.ApiId(r), "ApiId"),
             r => One("ApiId", SeededSecrets.ApiId(r) + "\n", "ApiId"), r => One("ApiId", SeededSecrets.ApiId(r) + ":1", "ApiId"), r => One("ApiId", SeededSecrets.ApiId(r) + " :1", "ApiId")]),
        new( // ApiPassword: the mistakes are in the secret itself
            [r => { var s = Secret(r); return new([new Setting("ApiPassword", s)], [], [s]); }],
            [r => new([new Setting("ApiPassword", null)], ["ApiPassword"], []), r => Password(string.Empty),
             r => { var s = Secret(r); return Password(s + "\n", s); }, r => { var s = Secret(r); return Password(s + "\r\n", s); },
             r => { var s = Secret(r); return Password(" " + s, s); }, r => { var s = Secret(r); return Password(s + "\t", s); },
             r => { var s = Secret(r); return Password(s[..1] + "\u0000" + s[1..], s[1..]); },
             r => { var s = Secret(r); return Password(s[..1] + "\n" + s[1..], s[1..]); }]),
        new( // ShopId (the generated options' client-level setting)
            [r => One("ShopId", Number(r, 1_000_000))],
            [r => One("ShopId", null, "ShopId"), r => One("ShopId", "-1", "ShopId"), r => One("ShopId", "-" + (1 + r.Next(1_000_000)).ToString(CultureInfo.InvariantCulture), "ShopId")]),
        new( // Timeout
            [r => One("Timeout", null), r => One("Timeout", "00:00:30"), r => One("Timeout", "00:05:00"), r => One("Timeout", "-00:00:00.001")],
            [r => One("Timeout", "00:00:00", "Timeout"), r => One("Timeout", "-00:00:05", "Timeout"), r => One("Timeout", "30", "Timeout"),
             r => One("Timeout", "1.00:00:00", "Timeout"), r => One("Timeout", "-1", "Timeout")]),
        new( // Retry.MaxAttempts
            [r => One("Retry:MaxAttempts", null), r => One("Retry:MaxAttempts", "1"), r => One("Retry:MaxAttempts", (2 + r.Next(9)).ToString(CultureInfo.InvariantCulture))],
            [r => One("Retry:MaxAttempts", "0", "Retry.MaxAttempts"), r => One("Retry:MaxAttempts", "-" + (1 + r.Next(100)).ToString(CultureInfo.InvariantCulture), "Retry.MaxAttempts")]),
        new( // Retry.BaseDelay and Retry.MaxDelay, checked against each other
            [r => Delays(null, null), r => Delays("00:00:00.2", "00:00:02"), r => Delays("00:00:00", "00:00:00"), r => Delays("00:00:01", null)],
            [r => Delays("-00:00:01", null, "Retry.BaseDelay"), r => Delays("00:00:05", "00:00:01", "Retry.MaxDelay"), r => Delays(null, "00:00:00.1", "Retry.MaxDelay"),
             r => Delays("1", "8", "Retry.BaseDelay", "Retry.MaxDelay"), r => Delays("00:00:01", "2", "Retry.MaxDelay"), r => Delays(null, "8", "Retry.MaxDelay"),
             r => Delays("-00:00:02", "-00:00:01", "Retry.BaseDelay", "Retry.MaxDelay"), r => Delays("2", "1", "Retry.BaseDelay", "Retry.MaxDelay")]),
        new( // MediaType
            [r => One("MediaType", null), r => One("MediaType", "Json"), r => One("MediaType", "xml")],
            [r => One("MediaType", "2", "MediaType"), r => One("MediaType", "-1", "MediaType")]),
    ];

    /// <summary>How many slots a configuration has (the most mistakes it can hold).</summary>
    public static int SlotCount => Slots.Length;

    /// <summary>A configuration with <paramref name="mistakes"/> slots drawn bad (at random) and the others good.</summary>
    public static Drawn Make(Random random, int mistakes)
    {
        var spoiled = Enumerable.Range(0, Slots.Length).OrderBy(_ => random.Next()).Take(mistakes).ToHashSet();
        var settings = new List<Setting>();
        var bad = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new List<string>();
        for (var i = 0; i < Slots.Length; i++)
        {
            var draws = spoiled.Contains(i) ? Slots[i].Bad : Slots[i].Good;
            var choice = draws[random.Next(draws.Length)](random);
            settings.AddRange(choice.Settings);
            bad.UnionWith(choice.BadOptions);
            secrets.AddRange(choice.Secrets);
        }

        // The Basic token of what is sent, and of the password a trimming reader would send.
        var apiId = settings.Find(s => s.Key == "ApiId")?.Value ?? string.Empty;
        foreach (var password in secrets.ToList())
        {
            secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + password)));
        }

        if (settings.Find(s => s.Key == "ApiPassword")?.Value is { Length: > 0 } sent)
        {
            secrets.Add(sent);
            secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + sent)));
        }

        return new Drawn(settings, bad, secrets.Distinct(StringComparer.Ordinal).ToList(), mistakes);
    }
}
