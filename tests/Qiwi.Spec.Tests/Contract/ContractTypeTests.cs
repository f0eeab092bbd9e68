using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// The docs tables' Type and Required columns against the spec (<see cref="ContractTypes"/>): every fact the check
/// reads, changed in a copy of the spec one at a time, must be noticed; and the pattern reader that lets a pattern
/// stand for a length must agree with patterns of known longest match.
/// </summary>
public sealed class ContractTypeTests
{
    [SkippableFact]
    public void Changing_any_checked_type_length_places_or_requiredness_breaks_the_contract()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var spec = SpecDocument.Current;
        var text = File.ReadAllText(spec.Path);
        var contract = ContractTable.Load();
        Assert.Empty(ContractTypes.Problems(spec, DocsPages.Items, contract));

        var mutations = Mutations(spec, contract).ToList();
        Assert.True(mutations.Count > 150, $"Only {mutations.Count} mutations.");
        Assert.Contains(mutations, m => m.Name.Contains("maxLength", StringComparison.Ordinal));
        Assert.Contains(mutations, m => m.Name.Contains("scale", StringComparison.Ordinal));
        Assert.Contains(mutations, m => m.Name.Contains("required", StringComparison.Ordinal));
        var survivors = new List<string>();
        foreach (var (name, key, locator, apply) in mutations)
        {
            var copy = SpecDocument.Parse(text, spec.Path);
            apply(SpecValue.Find(copy, locator)!);
            if (!ContractTypes.Problems(copy, DocsPages.Items, contract).Any(p => p.Contains($"[{key}]", StringComparison.Ordinal) && p.Contains(locator, StringComparison.Ordinal)))
            {
                survivors.Add(name);
            }
        }

        Assert.True(survivors.Count == 0, $"{survivors.Count} of {mutations.Count} changes went unnoticed: " + string.Join("; ", survivors));
    }

    [SkippableFact]
    public void A_departure_excuses_only_the_places_it_lists()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var spec = SpecDocument.Parse(File.ReadAllText(SpecDocument.Current.Path), SpecDocument.Current.Path);
        var contract = ContractTable.Load();

        // Shop ID's rows name D-shop, which lists the checkout's `shop` only: createBill's prv_id stays checked.
        var prvId = SpecValue.Find(spec, "param:createBill/prv_id")!;
        prvId.Own.Children[new YamlScalarNode("type")] = new YamlScalarNode("string");
        var problems = ContractTypes.Problems(spec, DocsPages.Items, contract).ToList();
        Assert.Contains(problems, p => p.Contains("[API | Authorization | table | Shop ID]", StringComparison.Ordinal) && p.Contains("param:createBill/prv_id", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("param:checkout/shop", StringComparison.Ordinal));
    }

    /// <summary>One change per fact the check compares, on every row it compares (not on places a departure excuses).</summary>
    private static IEnumerable<(string Name, string Key, string Locator, Action<SpecValue> Apply)> Mutations(SpecDocument spec, ContractTable contract)
    {
        foreach (var (row, type, required, locator, _) in ContractTypes.Checked(spec, DocsPages.Items, contract))
        {
            var at = $"{row.Key} at {locator}";
            if (type is not null)
            {
                var other = type.Kind == "string" ? "integer" : "string";
                yield return ($"{at}: type {other}", row.Key, locator, v => Set(v.Own, "type", other));
            }

            if (type?.MaxLength is { } length)
            {
                yield return ($"{at}: maxLength {length + 1}", row.Key, locator, v => Set(v.Own, "maxLength", (length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                yield return ($"{at}: maxLength {length - 1}", row.Key, locator, v => Set(v.Own, "maxLength", (length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (type?.Scale is { } scale)
            {
                yield return ($"{at}: scale {scale + 1}", row.Key, locator, v => v.Own.Children[new YamlScalarNode("x-qiwi-decimal")] = new YamlMappingNode(new YamlScalarNode("scale"), new YamlScalarNode((scale + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }

            if (required is not null)
            {
                yield return ($"{at}: required flipped", row.Key, locator, v => v.FlipRequired!());
            }
        }
    }

    private static void Set(YamlMappingNode map, string key, string value) => map.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);

    [Fact]
    public void The_pattern_reader_finds_the_longest_match_of_seeded_patterns()
    {
        var random = new Random(20261126);
        for (var round = 0; round < 2_000; round++)
        {
            var (pattern, longest, sample) = Node(random, depth: 0);
            var anchored = "^" + pattern + "$";
            Assert.True(PatternLength.Longest(anchored) == longest, $"round {round}: {anchored}: expected {longest?.ToString() ?? "unbounded"}, read {PatternLength.Longest(anchored)?.ToString() ?? "unbounded"}");
            if (longest is not null)
            {
                // The text built along the longest branch is that long and the pattern matches it.
                Assert.Equal(longest, sample.Length);
                Assert.Matches(new Regex(anchored, RegexOptions.None, TimeSpan.FromSeconds(5)), sample);
            }
        }

        foreach (var unread in new[] { "[A-Z]{3}", "^[A-Z]{3}", "^(?=a)b$", "^(a)\\1$", "^a{2,}$", "^\\p{L}$", "^a|b$x" })
        {
            Assert.Null(PatternLength.Longest(unread));
        }

        Assert.Equal(3, PatternLength.Longest("^[A-Z]{3}$"));
        Assert.Equal(9, PatternLength.Longest("^[0-9A-Za-z]{1,9}$"));
        Assert.Equal(20, PatternLength.Longest("^\\+?[0-9]{1,19}$"));
    }

    /// <summary>A random pattern, the longest text it matches (null: unbounded), and a text of that length it matches.</summary>
    private static (string Pattern, int? Longest, string Sample) Node(Random random, int depth)
    {
        var parts = random.Next(1, 4);
        var pattern = new StringBuilder();
        var sample = new StringBuilder();
        int? longest = 0;
        for (var i = 0; i < parts; i++)
        {
            var (atom, atomLongest, atomSample) = random.Next(depth < 3 ? 6 : 4) switch
            {
                0 => ("a", (int?)1, "a"),
                1 => ("[0-9\\]x]", 1, "7"),
                2 => ("\\u0041", 1, "A"),
                3 => ("\\.", 1, "."),
                4 => Group(random, depth),
                _ => Group(random, depth),
            };
            var (quantifier, times) = random.Next(7) switch
            {
                0 => ("?", (int?)1),
                1 => ("*", null),
                2 => ("+", null),
                3 => ("{2}", 2),
                4 => ("{0,3}", 3),
                5 => ("{1,}", null),
                _ => (string.Empty, 1),
            };
            if (quantifier.Length > 0 && random.Next(4) == 0)
            {
                quantifier += "?";
            }

            pattern.Append(atom).Append(quantifier);
            longest = longest is null || atomLongest is null || times is null ? null : longest + (atomLongest * times);
            for (var t = 0; t < (times ?? 1); t++)
            {
                sample.Append(atomSample);
            }
        }

        return (pattern.ToString(), longest, sample.ToString());
    }

    private static (string Pattern, int? Longest, string Sample) Group(Random random, int depth)
    {
        var branches = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Node(random, depth + 1)).ToList();
        var best = branches.Any(b => b.Longest is null) ? branches.First(b => b.Longest is null) : branches.MaxBy(b => b.Longest!.Value);
        return ((random.Next(2) == 0 ? "(" : "(?:") + string.Join("|", branches.Select(b => b.Pattern)) + ")", best.Longest, best.Sample);
    }
}
