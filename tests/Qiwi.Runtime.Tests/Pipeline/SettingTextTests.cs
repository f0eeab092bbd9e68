using Qiwi.Runtime.Tests.Generated;
using Qiwi.Tests.Shared;

namespace Qiwi.Runtime.Tests.Pipeline;

/// <summary>
/// Red team: slips of configuration text (a trailing <c>\n</c>, <c>\r\n</c>, a tab, a NUL, a leading space, a bare number
/// read as days, an undefined enum number, names joined by a comma) in seeded configurations read with
/// <see cref="QiwiClientOptions.ReadSettings(Func{string, string})"/> alone, no dependency injection: <c>GetErrors</c>
/// and <c>Validate</c> report exactly the expected failures, in order. The same values set in code report the credential
/// slips (no API password or ID has them on purpose) and the runtime's checks, never a long duration (in code
/// <c>TimeSpan.FromDays(2)</c> says what it means). No message quotes a password.
/// </summary>
public sealed class SettingTextTests
{
    [Theory]
    [InlineData(20261126, 400)]
    [InlineData(6, 400)]
    public void Seeded_configurations_read_from_text_report_exactly_their_slips_and_the_same_values_set_in_code_keep_durations(int seed, int cases)
    {
        var random = new Random(seed);
        var (clean, many) = (0, 0);
        for (var i = 0; i < cases; i++)
        {
            var drawn = SettingTextSlips.Make(random, random.Next(0, SettingTextSlips.SlotCount + 1));
            var label = $"seed {seed} case {i}: {drawn}";
            var texts = drawn.Texts.ToDictionary(t => t.Key, t => t.Text, StringComparer.Ordinal);
            texts["ShopId"] = "373712";

            var read = new QiwiPullClientOptions();
            var unreadable = read.ReadSettings(key => texts.GetValueOrDefault(key));
            Assert.Equal(drawn.FromText.Where(f => f.Rank < 10).Select(f => f.Option), unreadable.Select(e => e.Option));
            Check(read, drawn.FromText, drawn, label + " (read from text)");

            var code = new QiwiPullClientOptions { ShopId = 373712 };
            drawn.SetInCode(code);
            Check(code, drawn.FromCode, drawn, label + " (set in code)");
            (clean, many) = (clean + (drawn.FromText.Count == 0 ? 1 : 0), many + (drawn.FromText.Count >= 3 ? 1 : 0));
        }

        Assert.True(clean >= 10 && many >= 50, $"seed {seed}: {clean} clean and {many} many-slip configurations, too few of one kind");
    }

    [Fact]
    public void Every_slip_is_drawn_by_the_seeds_so_none_goes_unexercised()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in new[] { 20261126, 6 })
        {
            var random = new Random(seed);
            for (var i = 0; i < 400; i++)
            {
                names.UnionWith(SettingTextSlips.Make(random, random.Next(0, SettingTextSlips.SlotCount + 1)).Choices.Select(c => c.Name));
            }
        }

        Assert.Equal(SettingTextSlips.ChoiceCount, names.Count);
    }

    [Fact]
    public void A_duration_read_from_text_then_set_in_code_is_checked_as_code_and_a_new_retry_options_is_code()
    {
        var texts = new Dictionary<string, string> { ["ApiId"] = "1", ["ApiPassword"] = "pw", ["ShopId"] = "1", ["Timeout"] = "30", ["Retry:BaseDelay"] = "1", ["Retry:MaxDelay"] = "2" };
        var options = new QiwiPullClientOptions();
        options.ReadSettings(key => texts.GetValueOrDefault(key));
        Assert.Equal(["Timeout", "Retry.BaseDelay", "Retry.MaxDelay"], options.GetErrors().Select(e => e.Option));

        options.Timeout = TimeSpan.FromDays(2); // a value of code's own: meant
        options.Retry.MaxDelay = TimeSpan.FromDays(3);
        Assert.Equal(["Retry.BaseDelay"], options.GetErrors().Select(e => e.Option));

        options.Retry = new QiwiRetryOptions { BaseDelay = TimeSpan.FromDays(1), MaxDelay = TimeSpan.FromDays(1) };
        Assert.Empty(options.GetErrors());
        options.Validate();

        options.Timeout = TimeSpan.FromDays(30); // code setting the very value the text gave: that value came from text
        Assert.Equal(["Timeout"], options.GetErrors().Select(e => e.Option));
    }

    [Fact]
    public void Options_set_in_code_keep_long_durations_as_before()
    {
        var options = new QiwiPullClientOptions
        {
            ApiId = "1", ApiPassword = "pw", ShopId = 1, Timeout = TimeSpan.FromDays(2),
            Retry = new QiwiRetryOptions { BaseDelay = TimeSpan.FromDays(1), MaxDelay = TimeSpan.MaxValue },
        };

        Assert.Empty(options.GetErrors());
        options.Validate();
        using var http = new HttpClient();
        _ = new QiwiPullClient(http, options);
    }

    [Theory]
    [InlineData("Json,Xml")]
    [InlineData("xml, json")]
    [InlineData("Xml,Xml")]
    public void An_enum_setting_of_names_joined_by_a_comma_is_refused_though_Bind_reads_it_as_one_value(string text)
    {
        Assert.Equal(QiwiMediaType.Xml, Enum.Parse<QiwiMediaType>(text, ignoreCase: true)); // what .NET (and Bind) make of it: a valid value
        var options = new QiwiPullClientOptions { ApiId = "1", ApiPassword = "pw", ShopId = 1 };

        var unreadable = options.ReadSettings(key => key == "MediaType" ? text : null);

        Assert.Equal([("MediaType", SettingTextSlips.MediaTypeUnreadable)], unreadable.Select(e => (e.Option, e.Message)));
        Assert.Equal(QiwiMediaType.Json, options.MediaType); // kept
        Assert.Equal("MediaType", Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    [Fact]
    public void The_rule_of_control_characters_and_outer_white_space_is_the_notification_passwords_for_every_character_at_every_place()
    {
        // The rule Qiwi.AspNetCore had for NotificationPassword before it used the runtime's: the oracle.
        static bool Before(string value) => char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value.Any(char.IsControl);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            foreach (var text in new[] { ((char)c).ToString(), (char)c + "pw", "p" + (char)c + "w", "pw" + (char)c })
            {
                if (Before(text) != QiwiSettingText.HasControlOrOuterSpace(text))
                {
                    Assert.Fail($"U+{c:X4} in \"{text}\": the rule differs");
                }
            }
        }

        Assert.False(QiwiSettingText.HasControlOrOuterSpace(null));
        Assert.False(QiwiSettingText.HasControlOrOuterSpace(string.Empty));
    }

    /// <summary>GetErrors gives exactly <paramref name="expected"/> (setting and message, in order); Validate throws iff any, naming the first; no password in a message.</summary>
    private static void Check(QiwiPullClientOptions options, IReadOnlyList<SettingTextSlips.Failure> expected, SettingTextSlips.Drawn drawn, string label)
    {
        var errors = options.GetErrors();
        var want = expected.Select(f => (f.Option, f.Message)).ToList();
        var got = errors.Select(e => (e.Option, e.Message)).ToList();
        Assert.True(want.SequenceEqual(got), $"{label}\nexpected: {string.Join(" | ", want)}\nreported: {string.Join(" | ", got)}");

        if (expected.Count == 0)
        {
            options.Validate();
            return;
        }

        var thrown = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(expected[0].Option, thrown.ParamName);
        foreach (var text in errors.Select(e => e.Message).Append(thrown.Message).Append(thrown.ToString()))
        {
            foreach (var secret in drawn.Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{label}: a password reached a message");
            }
        }
    }
}
