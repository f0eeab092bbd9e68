using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.DependencyInjection.Tests.Generated;
using Qiwi.Extensions.DependencyInjection;
using Qiwi.Runtime;
using Qiwi.Tests.Shared;

namespace Qiwi.DependencyInjection.Tests;

/// <summary>
/// Red team: the slips of configuration text the runtime now checks itself (<see cref="SettingTextSlips"/>), through
/// dependency injection's three ways to set options: the options' own <c>ReadSettings</c> (<c>AddQiwiPullClient(section)</c>),
/// <c>Bind</c>, and code in the configure action. Start-up checks every setting as text whatever set it, as before the
/// runtime did: each way reports exactly the expected failures, once a setting, in order. And options of an app's own
/// type that override <c>Validate</c>: their checks run once, their failure is reported with the slips.
/// </summary>
public sealed class SettingTextDepthTests
{
    private const string Prefix = "QIWI client 'QiwiPull': ";

    [Theory]
    [InlineData(20261126, 120)]
    [InlineData(9, 120)]
    public void Seeded_slips_fail_the_start_exactly_alike_whether_read_bound_or_set_in_code(int seed, int cases)
    {
        var random = new Random(seed);
        for (var i = 0; i < cases; i++)
        {
            var drawn = SettingTextSlips.Make(random, random.Next(0, SettingTextSlips.SlotCount + 1));
            var settings = drawn.Texts.ToDictionary(t => "Qiwi:" + t.Key, t => (string?)t.Text, StringComparer.Ordinal);
            settings["Qiwi:ShopId"] = "373712";
            var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Qiwi");
            var label = $"seed {seed} case {i}: {drawn}";

            Assert.True(Report(drawn.AtStartup).SequenceEqual(Start(s => s.AddQiwiPullClient(section))), $"{label} (read)\n{string.Join(" | ", Start(s => s.AddQiwiPullClient(section)))}");
            Assert.True(Report(drawn.AtStartupSet).SequenceEqual(Start(s => s.AddQiwiPullClient(o => section.Bind(o)))), $"{label} (Bind)\n{string.Join(" | ", Start(s => s.AddQiwiPullClient(o => section.Bind(o))))}");
            Assert.True(Report(drawn.AtStartupSet).SequenceEqual(Start(s => s.AddQiwiPullClient(o => { o.ShopId = 373712; drawn.SetInCode(o); }))), $"{label} (code)");
        }
    }

    [Fact]
    public void An_override_of_validate_runs_after_the_settings_are_checked_once()
    {
        CountingOptions? made = null;
        var failures = StartOwn(o => { made = o; (o.ApiId, o.ApiPassword, o.Region) = ("1", "pw", "ru"); });

        Assert.Empty(failures);
        Assert.Equal((1, 1), (made!.AddErrorsCalls, made.OwnChecks));
    }

    [Fact]
    public void An_override_of_validate_that_fails_is_reported_once_the_settings_were_checked_once()
    {
        CountingOptions? made = null;
        var failures = StartOwn(o => { made = o; (o.ApiId, o.ApiPassword) = ("1", "pw"); });

        Assert.Equal(["QIWI client 'Own': Region is required."], failures);
        Assert.Equal((1, 1), (made!.AddErrorsCalls, made.OwnChecks));
    }

    [Fact]
    public void The_override_of_validate_is_reported_with_the_slips_of_text_as_before()
    {
        CountingOptions? made = null;
        var failures = StartOwn(o => { made = o; (o.ApiId, o.ApiPassword, o.Timeout) = ("1", "pw\n", TimeSpan.FromDays(30)); });

        Assert.Equal(
            ["QIWI client 'Own': Region is required.", "QIWI client 'Own': " + SettingTextSlips.ApiPasswordSlip, "QIWI client 'Own': " + SettingTextSlips.Days("Timeout", TimeSpan.FromDays(30))],
            failures);
        Assert.Equal((1, 1), (made!.AddErrorsCalls, made.OwnChecks));
    }

    [Fact]
    public void Own_options_read_from_a_section_report_the_override_and_the_slips_of_text()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Own:ApiId"] = "1", ["Own:ApiPassword"] = "pw", ["Own:Timeout"] = "30", ["Own:Retry:MaxDelay"] = "8",
        }).Build().GetSection("Own");
        var services = new ServiceCollection();
        services.AddQiwiClient<QiwiPullClient, CountingOptions>("Own", static p => new QiwiPullClient(p), QiwiPullResultCodes.Instance, section);

        Assert.Equal(
            ["QIWI client 'Own': Region is required.", "QIWI client 'Own': " + SettingTextSlips.Days("Timeout", TimeSpan.FromDays(30)), "QIWI client 'Own': " + SettingTextSlips.Days("Retry.MaxDelay", TimeSpan.FromDays(8))],
            Failures(services));
    }

    [Fact]
    public void An_override_of_validate_that_skips_the_base_still_has_the_settings_reported()
    {
        var services = new ServiceCollection();
        services.AddQiwiClient<QiwiPullClient, SkippingOptions>("Own", static p => new QiwiPullClient(p), QiwiPullResultCodes.Instance, o => o.ApiPassword = " pw");

        Assert.Equal(["QIWI client 'Own': ApiId is required.", "QIWI client 'Own': " + SettingTextSlips.ApiPasswordSlip], Failures(services));
    }

    /// <summary>The start-up report <paramref name="expected"/> makes: one entry a setting, in the order of its first failure, its messages joined.</summary>
    private static List<string> Report(IReadOnlyList<SettingTextSlips.Failure> expected)
        => expected.GroupBy(f => f.Option, StringComparer.Ordinal).Select(g => Prefix + string.Join(" ", g.Select(f => f.Message).Distinct(StringComparer.Ordinal))).ToList();

    private static List<string> Start(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return Failures(services);
    }

    private static List<string> StartOwn(Action<CountingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddQiwiClient<QiwiPullClient, CountingOptions>("Own", static p => new QiwiPullClient(p), QiwiPullResultCodes.Instance, configure);
        return Failures(services);
    }

    private static List<string> Failures(ServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return failure is null ? [] : Assert.IsType<OptionsValidationException>(failure, exactMatch: true).Failures.ToList();
    }

    /// <summary>Options of an app's own type, checked in an override of Validate; counts the runs of the settings' checks and of its own.</summary>
    public sealed class CountingOptions : QiwiClientOptions
    {
        public string? Region { get; set; }

        public int AddErrorsCalls { get; private set; }

        public int OwnChecks { get; private set; }

        public override void Validate()
        {
            base.Validate();
            OwnChecks++;
            if (Region is null)
            {
                throw new ArgumentException("Region is required.", nameof(Region));
            }
        }

        protected override void AddErrors(ICollection<QiwiOptionsError> errors)
        {
            AddErrorsCalls++;
            base.AddErrors(errors);
        }
    }

    /// <summary>Options whose override of Validate never calls the base.</summary>
    public sealed class SkippingOptions : QiwiClientOptions
    {
        public override void Validate()
        {
        }
    }
}
