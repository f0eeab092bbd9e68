using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// The settings docs/shop.md names are the ones the shop binds: every key in its Configuration table and every
/// <c>Shop:...</c>/<c>Qiwi:...</c> key in its text is a setting of <see cref="ShopOptions"/> or <see cref="ShopSettings"/>
/// as configuration binding reads it (<see cref="SettingKeys"/>, the check the shop runs at start-up), each documented
/// default is the code's, and every setting the shop binds is in the table. A renamed setting, or one misspelt in the
/// doc, fails here; a misspelt key in a user's configuration stops the shop's start, naming it.
/// </summary>
public sealed partial class ShopSettingsDocTests
{
    private static string Doc => File.ReadAllText(Path.Combine(Repository.Root, "docs", "shop.md"));

    [Fact]
    public void Every_setting_the_doc_names_is_bound_by_the_shop_with_the_documented_default()
    {
        var problems = Problems(Doc, out var keys, out var defaults);
        Assert.True(problems.Count == 0, "docs/shop.md against the shop's settings:\n" + string.Join("\n", problems));
        // A reader that stops finding keys or defaults would make "no problem" true of nothing.
        Assert.True(keys.Count >= 20, $"Only {keys.Count} keys found in docs/shop.md: {string.Join(", ", keys)}");
        Assert.True(defaults >= 20, $"Only {defaults} documented defaults checked.");
        Assert.Contains("Shop:Reconciliation:FailedGrace", keys);
        Assert.Contains("Shop:ReturnRefreshInterval", keys);
        Assert.Contains("Shop:PublicBaseUrl", keys);
        Assert.Contains("Shop:AdminPageSize", keys);
    }

    [Theory]
    [InlineData("| `Shop:Reconciliation:FailedGrace` |", "| `Shop:Reconciliation:FailGrace` |")]
    [InlineData("| `Shop:ReturnRefreshInterval` |", "| `Shop:ReturnRefreshIntervall` |")]
    [InlineData("| `Shop:PublicBaseUrl` |", "| `Shop:PublicBaseUri` |")]
    [InlineData("`Shop:Reconciliation:FirstDelay`, `MaxDelay`", "`Shop:Reconciliation:FirstDelay`, `MaximumDelay`")]
    [InlineData("`Reconciliation:FailedGrace`:", "`Reconciliation:FailGrace`:")]
    [InlineData("| `Shop:AdminPageSize` | 50 |", "| `Shop:AdminPageSize` | 20 |")]
    [InlineData("| `Shop:InvoiceLifetime` | `1.00:00:00` |", "| `Shop:InvoiceLifetime` | `2.00:00:00` |")]
    [InlineData("| 30 s, 30 min |", "| 30 s, 60 min |")]
    [InlineData("| `ConnectionStrings:Shop` | `Data Source=shop.db` |", "| `ConnectionStrings:Orders` | `Data Source=shop.db` |")]
    [InlineData("| `Shop:TrustedProxies` | empty |", "| `Shop:TrustedProxy` | empty |")]
    public void A_misspelt_key_or_a_wrong_default_in_the_doc_is_found(string right, string wrong)
    {
        var doc = Doc;
        Assert.Contains(right, doc, StringComparison.Ordinal);
        Assert.NotEmpty(Problems(doc.Replace(right, wrong, StringComparison.Ordinal), out _, out _));
    }

    [Theory]
    [InlineData("--Shop:Reconcilation:Enabled=false", "Shop:Reconcilation")]
    [InlineData("--Shop:Reconciliation:FailGrace=02:00:00", "Shop:Reconciliation:FailGrace")]
    [InlineData("--Qiwi:ApiPasswort=hunter2-secret", "Qiwi:ApiPasswort")]
    [InlineData("--Shop:PublicBaseURL2=https://shop.example.com/", "Shop:PublicBaseURL2")]
    public async Task A_misspelt_key_in_the_configuration_stops_the_start_naming_the_key_not_its_value(string argument, string key)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            // Started after all (the check is gone): stopped again, so no shop outlives the failure.
            await using var started = await ShopApp.StartAsync([argument], "http://127.0.0.1:0");
        });
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/shop.md", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(argument[(argument.IndexOf('=', StringComparison.Ordinal) + 1)..], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_in_any_case_and_list_entries_are_settings_not_misspellings()
    {
        Assert.True(SettingKeys.IsSetting("shop:reconciliation:failedgrace"));
        Assert.False(SettingKeys.IsSetting("Shop:Reconciliation"));
        Assert.False(SettingKeys.IsSetting("Shop"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["shop:adminpagesize"] = "5", ["Shop:NotificationNetworks:0"] = "qiwi", ["Shop:TrustedProxies:3"] = "10.0.0.1", ["QIWI:SANDBOXBASEURL"] = "http://127.0.0.1:1/",
            ["Shop:Reconciliation:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        }).Build();
        SettingKeys.RefuseUnknown(configuration);
    }

    /// <summary>What is wrong with <paramref name="markdown"/> (docs/shop.md) as a description of the shop's settings.</summary>
    private static List<string> Problems(string markdown, out List<string> keys, out int defaults)
    {
        var problems = new List<string>();
        keys = [];
        defaults = 0;
        var start = markdown.IndexOf("\n## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/shop.md has no section \"## Configuration\".");
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = markdown[start..(end < 0 ? markdown.Length : end)];
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            var rowKeys = new List<string>();
            foreach (Match token in Code().Matches(cells[1]))
            {
                // `Shop:Reconciliation:FirstDelay`, `MaxDelay`: a bare name is a sibling of the key before it.
                var name = token.Groups[1].Value;
                rowKeys.Add(name.Contains(':', StringComparison.Ordinal) || rowKeys.Count == 0 ? name : rowKeys[^1][..(rowKeys[^1].LastIndexOf(':') + 1)] + name);
            }

            var parts = cells[2].Split(',').Select(p => p.Trim()).ToList();
            for (var i = 0; i < rowKeys.Count; i++)
            {
                var key = rowKeys[i];
                keys.Add(key);
                documented.Add(key);
                var cell = parts.Count == rowKeys.Count ? parts[i] : cells[2].Trim();
                if (KeyProblem(key) is { } problem)
                {
                    problems.Add(problem);
                }
                else if (DefaultProblem(key, cell, ref defaults) is { } wrong)
                {
                    problems.Add(wrong);
                }
            }
        }

        // Keys in the text: `Shop:...`, `Qiwi:...` (or `Shop__...`, `--Shop:...=...`), and `Reconciliation:...` for `Shop:Reconciliation:...`.
        foreach (Match token in Code().Matches(markdown))
        {
            var text = token.Groups[1].Value.TrimStart('-').Replace("__", ":", StringComparison.Ordinal);
            var key = TextKey().Match(text) is { Success: true } match ? match.Value : null;
            if (key is null)
            {
                continue;
            }

            key = key.StartsWith("Reconciliation:", StringComparison.Ordinal) ? "Shop:" + key : key;
            keys.Add(key);
            if (KeyProblem(key) is { } problem)
            {
                problems.Add(problem + " (in the text)");
            }
        }

        // And the other way: every setting the shop binds is in the table.
        foreach (var (name, type) in SettingKeys.Sections)
        {
            foreach (var key in Leaves(name, type).Where(k => !documented.Contains(k)))
            {
                problems.Add($"{key}: a setting of the shop missing from docs/shop.md's Configuration table");
            }
        }

        return problems;
    }

    private static string? KeyProblem(string key)
    {
        if (key.StartsWith("ConnectionStrings:", StringComparison.Ordinal))
        {
            return key == "ConnectionStrings:" + ShopApp.ConnectionStringName ? null : $"{key}: the shop's connection string is ConnectionStrings:{ShopApp.ConnectionStringName}";
        }

        return SettingKeys.IsSetting(key) ? null : $"{key}: no setting of the shop (ShopOptions, ShopSettings) has this key";
    }

    /// <summary>Compares a documented default with the code's, where the doc states one (a value, "empty", "unset"); prose is not compared.</summary>
    private static string? DefaultProblem(string key, string cell, ref int compared)
    {
        var text = cell.Trim('`', ' ');
        if (key == "ConnectionStrings:" + ShopApp.ConnectionStringName)
        {
            compared++;
            return text == ShopApp.DefaultConnectionString ? null : $"{key}: documented default {text}, the shop's {ShopApp.DefaultConnectionString}";
        }

        var actual = Value(key);
        object? expected;
        if (TimeSpan.TryParseExact(text, [@"d\.hh\:mm\:ss", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var span))
        {
            expected = span;
        }
        else if (Quantity().Match(text) is { Success: true } quantity)
        {
            var number = decimal.Parse(quantity.Groups[1].Value, CultureInfo.InvariantCulture);
            expected = quantity.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds((double)number),
                "min" => TimeSpan.FromMinutes((double)number),
                "RUB" => number,
                _ => Convert.ChangeType(number, actual?.GetType() ?? typeof(decimal), CultureInfo.InvariantCulture),
            };
        }
        else if (bool.TryParse(text, out var flag))
        {
            expected = flag;
        }
        else if (text.StartsWith("empty", StringComparison.Ordinal))
        {
            compared++;
            return actual is IEnumerable list && !list.GetEnumerator().MoveNext() ? null : $"{key}: documented empty by default, the shop's is not";
        }
        else if (text.Contains("unset", StringComparison.Ordinal) || text.StartsWith("required", StringComparison.Ordinal) || text.StartsWith("generated", StringComparison.Ordinal))
        {
            compared++;
            var unset = actual is null or "" || (actual.GetType().IsValueType && actual.Equals(Activator.CreateInstance(actual.GetType())));
            return unset ? null : $"{key}: documented unset by default, the shop's is {actual}";
        }
        else
        {
            return null;
        }

        compared++;
        return Equals(expected, actual) ? null : $"{key}: documented default {text}, the shop's {actual}";
    }

    /// <summary>The default of a setting: the property's value on a new options object.</summary>
    private static object? Value(string key)
    {
        var parts = key.Split(':');
        object? value = parts[0] == "Shop" ? new ShopOptions() : new ShopSettings();
        foreach (var part in parts.Skip(1))
        {
            value = value!.GetType().GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.GetValue(value);
        }

        return value;
    }

    /// <summary>Every setting (leaf key) of a section bound to <paramref name="type"/>.</summary>
    private static IEnumerable<string> Leaves(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + ":" + property.Name;
            if (SettingKeys.IsSetting(key))
            {
                yield return key;
            }
            else
            {
                foreach (var leaf in Leaves(key, property.PropertyType))
                {
                    yield return leaf;
                }
            }
        }
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^(?:Shop|Qiwi|Reconciliation|ConnectionStrings)(?::[A-Za-z]+)+")]
    private static partial Regex TextKey();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(?: (s|min|RUB))?$")]
    private static partial Regex Quantity();
}
