using System.Collections;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.DependencyInjection.Tests.Infrastructure;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: seeded configurations with 0 to 9 independent mistakes, drawn from every check of the options (runtime,
/// generated client-level setting, configuration text), some inside the secrets themselves. The start fails exactly
/// when there is a mistake, with ONE exception naming every bad setting once (so a user fixes all in one go), and no
/// secret (password, URL user info, Basic token) in anything the exception carries.
/// </summary>
public sealed class StartupValidationAttackTests
{
    private const string Prefix = "QIWI client 'QiwiPull': ";

    [Theory]
    [InlineData(20261126, 150)]
    [InlineData(5, 150)]
    public void Seeded_configurations_fail_the_start_iff_they_hold_a_mistake_naming_every_bad_setting_once_and_no_secret(int seed, int cases)
    {
        var random = new Random(seed);
        var (clean, many) = (0, 0);
        for (var i = 0; i < cases; i++)
        {
            var drawn = ConfigurationMistakes.Make(random, random.Next(0, ConfigurationMistakes.SlotCount + 1));
            (clean, many) = (clean + (drawn.Mistakes == 0 ? 1 : 0), many + (drawn.Mistakes >= 3 ? 1 : 0));
            var twice = random.Next(2) == 1;
            var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(drawn.Json(_ => true)))).Build();
            var qiwi = configuration.GetSection("Qiwi");
            var services = new ServiceCollection();
            services.AddQiwiPullClient(options => qiwi.Bind(options));
            if (twice)
            {
                services.AddQiwiPullClient(options => qiwi.Bind(options)); // the same registration again: nothing reported twice
            }

            using var provider = services.BuildServiceProvider();
            var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

            Check(failure, drawn, $"seed {seed} case {i} (registered {(twice ? "twice" : "once")}): {drawn}");
        }

        Assert.True(clean >= 5 && many >= 50, $"seed {seed} drew {clean} valid and {many} many-mistake configurations: too few to test both");
    }

    [Fact]
    public async Task Seeded_configurations_through_a_generic_host_over_appsettings_json_and_the_command_line_report_every_bad_setting()
    {
        const int Seed = 118;
        var random = new Random(Seed);
        for (var i = 0; i < 48; i++)
        {
            var drawn = ConfigurationMistakes.Make(random, random.Next(0, ConfigurationMistakes.SlotCount + 1));
            var onCommandLine = drawn.Settings.Where(s => s.Value is not null && random.Next(2) == 1).ToHashSet();
            var args = onCommandLine.Select(s => "--Qiwi:" + s.Key + "=" + s.Value).ToArray();
            var json = drawn.Json(s => !onCommandLine.Contains(s));

            Exception? failure = null;
            try
            {
                using var host = await ConfiguredHost.StartAsync(json, new RecordingHandler(), args);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            Check(failure, drawn, $"seed {Seed} case {i} (command line: {string.Join(", ", onCommandLine.Select(s => s.Key))}): {drawn}");
        }
    }

    [Fact]
    public void Every_slot_has_a_mistake_the_start_reports_alone_so_no_check_goes_unexercised()
    {
        // Each bad draw of each slot, alone: 1 mistake per configuration, over enough seeds to hit every variant.
        var random = new Random(77);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var drawn = ConfigurationMistakes.Make(random, 1);
            var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(drawn.Json(_ => true)))).Build();
            var services = new ServiceCollection();
            services.AddQiwiPullClient(options => configuration.GetSection("Qiwi").Bind(options));
            using var provider = services.BuildServiceProvider();

            Check(Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate()), drawn, $"seed 77 case {i}: {drawn}");
            seen.UnionWith(drawn.BadOptions);
        }

        Assert.Equal(
            ["ApiId", "ApiPassword", "BaseUrl", "MediaType", "Retry.BaseDelay", "Retry.MaxAttempts", "Retry.MaxDelay", "SandboxBaseUrl", "ShopId", "Timeout"],
            seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reload_to_seeded_configurations_reports_every_bad_setting_when_a_client_is_made_after_it()
    {
        const int Seed = 3;
        var random = new Random(Seed);
        static Dictionary<string, string?> Flat(ConfigurationMistakes.Drawn drawn)
            => drawn.Settings.Where(s => s.Value is not null).ToDictionary(s => "Qiwi:" + s.Key, s => s.Value);
        var source = new SwappableConfiguration(Flat(ConfigurationMistakes.Make(random, 0)));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddOptions<QiwiPullClientOptions>("QiwiPull").Bind(configuration.GetSection("Qiwi")); // reloads with the configuration
        services.AddQiwiPullClient(_ => { });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        for (var i = 0; i < 60; i++)
        {
            var drawn = ConfigurationMistakes.Make(random, random.Next(0, ConfigurationMistakes.SlotCount + 1));
            // The options monitor makes the options again inside the reload's notification, so the reload itself throws
            // the validation failure (wrapped by each change token's callbacks): .NET's behaviour, checked all the same.
            var reload = Record.Exception(() => source.Swap(Flat(drawn)));
            while (reload is AggregateException { InnerExceptions.Count: 1 } wrapped)
            {
                reload = wrapped.InnerException;
            }

            Check(reload, drawn, $"seed {Seed} reload {i} (the reload's notification): {drawn}");
            Check(Record.Exception(() => provider.GetRequiredService<QiwiPullClient>()), drawn, $"seed {Seed} reload {i}: {drawn}");
        }
    }

    [Fact]
    public async Task The_report_docs_configuration_shows_is_the_one_a_host_gives()
    {
        const string Section = """{"BaseUrl": "ftp://api.qiwi.test/", "ApiId": "", "ApiPassword": "s3cret-value\n", "Retry": {"MaxAttempts": "0"}}""";
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => ConfiguredHost.StartAsync("{\"Qiwi\": " + Section + "}", new RecordingHandler()));

        Assert.Contains("```text\n" + exception.Message + "\n```", docs.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(5, exception.Failures.Count());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }

    private static void Check(Exception? failure, ConfigurationMistakes.Drawn drawn, string label)
    {
        if (drawn.BadOptions.Count == 0)
        {
            Assert.True(failure is null, $"{label}: a configuration without a mistake failed the start: {failure?.Message}");
            return;
        }

        var exception = Assert.IsType<OptionsValidationException>(failure, exactMatch: true);
        Assert.Equal("QiwiPull", exception.OptionsName);
        var named = exception.Failures.Select(text =>
        {
            Assert.True(text.StartsWith(Prefix, StringComparison.Ordinal), $"{label}: a failure does not name the client: {text}");
            var rest = text[Prefix.Length..];
            var end = rest.IndexOfAny([' ', ':', ',']);
            return end < 0 ? rest : rest[..end];
        }).ToList();

        Assert.True(named.Count == named.Distinct(StringComparer.Ordinal).Count(), $"{label}: a setting is named twice: {string.Join(" | ", exception.Failures)}");
        Assert.True(drawn.BadOptions.SetEquals(named), $"{label}: expected [{string.Join(", ", drawn.BadOptions.Order(StringComparer.Ordinal))}], reported [{string.Join(", ", named)}]: {exception.Message}");
        foreach (var option in drawn.BadOptions)
        {
            Assert.Contains(Prefix + option + " ", exception.Message, StringComparison.Ordinal);
        }

        var texts = Texts(exception).ToList();
        foreach (var secret in drawn.Secrets)
        {
            Assert.True(!texts.Exists(text => text.Contains(secret, StringComparison.Ordinal)), $"{label}: a secret reached the exception");
        }
    }

    /// <summary>Everything an exception carries as text: message, ToString, each public property (lists item by item), Data, inner exceptions.</summary>
    private static IEnumerable<string> Texts(Exception exception)
    {
        yield return exception.Message;
        yield return exception.ToString();
        foreach (var property in exception.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            switch (property.GetValue(exception))
            {
                case string text:
                    yield return text;
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        yield return item is DictionaryEntry entry ? $"{entry.Key}={entry.Value}" : item?.ToString() ?? string.Empty;
                    }

                    break;
                case { } value:
                    yield return value.ToString() ?? string.Empty;
                    break;
            }
        }

        if (exception.InnerException is { } inner)
        {
            foreach (var text in Texts(inner))
            {
                yield return text;
            }
        }
    }
}
