using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;
using Qiwi.Runtime;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// <c>AddQiwiPullClient(configuration)</c> reads the settings key by key (the options' generated <c>ReadSettings</c>, no
/// reflection: what works trimmed and compiled ahead of time, where .NET's binder cannot see a generated type). Held to
/// <c>Bind</c>, the reflection binder, on seeded configurations with 0 to 9 mistakes: the same settings, the same report.
/// Where the text is not of a setting's type, Bind stops the start on that one key; the reader reports it with every
/// other mistake, exactly as if the key were absent plus one failure naming it, and quotes no secret.
/// </summary>
public sealed class ConfigurationReadingTests
{
    [Theory]
    [InlineData(41, 150)]
    [InlineData(20261127, 150)]
    public void Seeded_configurations_read_key_by_key_give_the_settings_and_the_report_that_Bind_gives(int seed, int cases)
    {
        var random = new Random(seed);
        var (valid, invalid) = (0, 0);
        for (var i = 0; i < cases; i++)
        {
            var drawn = ConfigurationMistakes.Make(random, random.Next(0, ConfigurationMistakes.SlotCount + 1));
            var section = Section(drawn.Json(_ => true));
            var bound = Start(services => services.AddQiwiPullClient(options => section.Bind(options)));
            var read = Start(services => services.AddQiwiPullClient(section));
            var context = $"seed {seed} case {i}: {drawn}";

            Assert.True(bound.Failures.SequenceEqual(read.Failures), $"{context}\nBind: {string.Join(" | ", bound.Failures)}\nread: {string.Join(" | ", read.Failures)}");
            Assert.Equal(Settings(bound.Options), Settings(read.Options));
            (valid, invalid) = bound.Failures.Count == 0 ? (valid + 1, invalid) : (valid, invalid + 1);
        }

        Assert.True(valid >= 5 && invalid >= 50, $"seed {seed}: {valid} valid and {invalid} invalid configurations, too few of one kind");
    }

    [Fact]
    public void Every_setting_Bind_reads_is_read_and_set_to_the_same_value()
    {
        // Every public settable property of the options a configuration can set, to a value other than its default.
        var section = Section("""
            {"Qiwi": {"BaseUrl": "https://gw.qiwi.test/p/", "SandboxBaseUrl": "http://127.0.0.1:5099/", "ApiId": "id-7", "ApiPassword": "pw-7",
              "MediaType": "Xml", "Timeout": "00:01:10", "ShopId": "4242", "Retry": {"MaxAttempts": "5", "BaseDelay": "00:00:01.5", "MaxDelay": "00:00:20"}}}
            """);
        var bound = Start(services => services.AddQiwiPullClient(options => section.Bind(options)));
        var read = Start(services => services.AddQiwiPullClient(section));

        Assert.Empty(read.Failures);
        var settings = Settings(read.Options);
        Assert.Equal(Settings(bound.Options), settings);
        var defaults = Settings(new QiwiPullClientOptions());
        var unchanged = settings.Where(pair => defaults.Contains(pair)).Select(pair => pair.Key).ToList();
        Assert.True(unchanged.Count == 0, "settings left at their defaults, so not proven read: " + string.Join(", ", unchanged));
        // And nothing Bind could set is missing from the comparison (TimeProvider and Retry.Jitter are not configuration).
        Assert.Equal(
            ["ApiId", "ApiPassword", "BaseUrl", "MediaType", "Retry.BaseDelay", "Retry.MaxAttempts", "Retry.MaxDelay", "SandboxBaseUrl", "ShopId", "Timeout"],
            settings.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(7, 120)]
    [InlineData(20261128, 120)]
    public void Text_not_of_a_settings_type_is_reported_with_every_other_mistake_as_if_the_key_were_absent(int seed, int cases)
    {
        // The settings whose text can fail to be read, with text that is not of their type.
        var wrongText = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["ShopId"] = ["abc", "1.5", "12345678901234567890123", "", " 12 x", "0x10"],
            ["Timeout"] = ["soon", "", "00:00:61", "1 hour"],
            ["Retry:MaxAttempts"] = ["three", "2.0", "", "99999999999"],
            ["Retry:BaseDelay"] = ["x", "00:00:00,5", ""],
            ["Retry:MaxDelay"] = ["later", "-"],
            ["MediaType"] = ["Jsn", "", "Json,Xml,Html"],
        };
        var random = new Random(seed);
        var boundStopped = 0;
        for (var i = 0; i < cases; i++)
        {
            var drawn = ConfigurationMistakes.Make(random, random.Next(0, ConfigurationMistakes.SlotCount + 1));
            var spoiled = wrongText.Keys.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToDictionary(key => key, key => wrongText[key][random.Next(wrongText[key].Length)]);
            var settings = drawn.Settings.Where(s => s.Value is not null && !spoiled.ContainsKey(s.Key)).ToDictionary(s => "Qiwi:" + s.Key, s => s.Value);
            var absent = Start(services => services.AddQiwiPullClient(Flat(settings).GetSection("Qiwi")));
            foreach (var (key, text) in spoiled)
            {
                settings["Qiwi:" + key] = text;
            }

            var configuration = Flat(settings);
            var read = Start(services => services.AddQiwiPullClient(configuration.GetSection("Qiwi")));
            var context = $"seed {seed} case {i}: {drawn}; text not of its type: {string.Join(", ", spoiled.Select(p => p.Key + "=" + p.Value))}";

            // The report: the absent keys' report, and one failure for each unreadable key (joined with that setting's others).
            var expected = Options(absent.Failures).Union(spoiled.Keys.Select(key => key.Replace(':', '.'))).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(Options(read.Failures).Order(StringComparer.Ordinal)), $"{context}\nexpected: {string.Join(", ", expected)}\nreported: {string.Join(" | ", read.Failures)}");
            foreach (var key in spoiled.Keys)
            {
                var option = key.Replace(':', '.');
                Assert.Contains(read.Failures, failure => failure.Contains(option + " must be ", StringComparison.Ordinal) && failure.Contains("the configured text is not (it is not shown)", StringComparison.Ordinal));
            }

            var everything = string.Join("\n", read.Failures) + read.Exception;
            // The unreadable texts with letters (a number such as 2.0 may be part of another message's duration, 2.00:00:00).
            foreach (var secret in drawn.Secrets.Concat(spoiled.Values.Where(v => v.Length > 2 && v.Any(char.IsLetter))))
            {
                Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"{context}: '{secret}' is in the report");
            }

            // Bind stops the start on the first such key alone (its exception is not the options' report).
            var bound = Record.Exception(() => Start(services => services.AddQiwiPullClient(options => configuration.GetSection("Qiwi").Bind(options))));
            boundStopped += bound is InvalidOperationException ? 1 : 0;
        }

        Assert.True(boundStopped > cases / 2, $"Bind stopped the start alone in only {boundStopped} of {cases} cases: the comparison shows nothing");
    }

    [Fact]
    public void A_reload_of_the_section_gives_new_clients_the_new_settings()
    {
        var source = new SwappableConfiguration(new Dictionary<string, string?> { ["Qiwi:ApiId"] = "first", ["Qiwi:ApiPassword"] = "pw-1", ["Qiwi:ShopId"] = "1" });
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddQiwiPullClient(configuration.GetSection("Qiwi"), options => options.Retry.MaxAttempts = 2);
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<QiwiPullClientOptions>>();
        Assert.Equal(("first", 1L, 2), (monitor.Get("QiwiPull").ApiId, monitor.Get("QiwiPull").ShopId!.Value, monitor.Get("QiwiPull").Retry.MaxAttempts));

        source.Swap(new Dictionary<string, string?> { ["Qiwi:ApiId"] = "second", ["Qiwi:ApiPassword"] = "pw-2", ["Qiwi:ShopId"] = "2" });
        _ = provider.GetRequiredService<IQiwiPullClient>();

        // The configure action runs after the section again, on the new options.
        Assert.Equal(("second", 2L, 2), (monitor.Get("QiwiPull").ApiId, monitor.Get("QiwiPull").ShopId!.Value, monitor.Get("QiwiPull").Retry.MaxAttempts));
    }

    private sealed record Started(IReadOnlyList<string> Failures, QiwiPullClientOptions? Options, Exception? Exception);

    /// <summary>Registers, validates as the host's start does, and takes the options when valid.</summary>
    private static Started Start(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        if (failure is null)
        {
            return new([], provider.GetRequiredService<IOptionsMonitor<QiwiPullClientOptions>>().Get("QiwiPull"), null);
        }

        var validation = failure as OptionsValidationException ?? (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SingleOrDefault();
        if (validation is null)
        {
            throw failure; // not a report of the options (Bind's own stop): the caller sees it
        }

        return new(validation.Failures.ToList(), null, failure);
    }

    /// <summary>The settings named in the report's failures (<c>QIWI client 'QiwiPull': Retry.MaxAttempts must ...</c>).</summary>
    private static IEnumerable<string> Options(IEnumerable<string> failures)
        => failures.Select(failure => failure["QIWI client 'QiwiPull': ".Length..].Split(' ')[0]).Distinct(StringComparer.Ordinal);

    private static IConfigurationSection Section(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("Qiwi");

    private static IConfigurationRoot Flat(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>Every setting configuration can give (public, settable, not the clock or the jitter), by its path, as invariant text.</summary>
    private static Dictionary<string, string?> Settings(object? options)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (options is null)
        {
            return settings;
        }

        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "TimeProvider"))
        {
            var value = property.GetValue(options);
            if (value is QiwiRetryOptions retry)
            {
                settings["Retry.MaxAttempts"] = retry.MaxAttempts.ToString(CultureInfo.InvariantCulture);
                settings["Retry.BaseDelay"] = retry.BaseDelay.ToString();
                settings["Retry.MaxDelay"] = retry.MaxDelay.ToString();
                continue;
            }

            settings[property.Name] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
