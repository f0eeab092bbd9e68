using Microsoft.CodeAnalysis;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// <c>QiwiMaxSpecCharacters</c> and <c>QiwiMaxSpecNodes</c> move the two size limits of QIWI0016 for one spec, both
/// ways; a value that is not a positive whole number is QIWI0011 at the spec and the default limit still holds.
/// </summary>
public sealed class SpecLimitOptionTests
{
    private static readonly string OverDefaultSize = MiniSpec.Text + "\n# " + new string('x', 4_200_000) + "\n";

    [Fact]
    public void A_raised_character_limit_reads_a_file_over_the_default_size()
    {
        var result = Run(OverDefaultSize, ("QiwiMaxSpecCharacters", "5000000"));
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedSources);
    }

    [Fact]
    public void A_lowered_character_limit_refuses_a_small_file_at_the_limit()
    {
        var result = Run(MiniSpec.Text, ("QiwiMaxSpecCharacters", "100"));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI0016", diagnostic.Id);
        Assert.Contains("document size (100 characters; the file has " + MiniSpec.Text.Length + ")", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(100, diagnostic.Location.SourceSpan.Start);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void The_node_limit_moves_both_ways_on_the_same_alias_bomb()
    {
        // 10 + 10^2 + ... + 10^5 expanded nodes: over the default 250,000 only from the fifth level on.
        var bomb = MiniSpec.Text + "\nx-bomb:\n  l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
            + string.Concat(Enumerable.Range(1, 4).Select(i => "  l" + i + ": &l" + i + " [" + string.Join(", ", Enumerable.Repeat("*l" + (i - 1), 10)) + "]\n"));

        Assert.DoesNotContain(Run(bomb).Diagnostics, d => d.Id == "QIWI0016");
        var lowered = Assert.Single(Run(bomb, ("QiwiMaxSpecNodes", "5000")).Diagnostics, d => d.Id == "QIWI0016");
        Assert.Contains("expanded nodes (5000 nodes", lowered.GetMessage(), StringComparison.Ordinal);

        var bigger = bomb + "  l5: &l5 [" + string.Join(", ", Enumerable.Repeat("*l4", 10)) + "]\n";
        Assert.Contains(Run(bigger).Diagnostics, d => d.Id == "QIWI0016");
        Assert.DoesNotContain(Run(bigger, ("QiwiMaxSpecNodes", "2000000")).Diagnostics, d => d.Id == "QIWI0016");
    }

    [Theory]
    [InlineData("QiwiMaxSpecCharacters", "0")]
    [InlineData("QiwiMaxSpecCharacters", "-5")]
    [InlineData("QiwiMaxSpecCharacters", "4MB")]
    [InlineData("QiwiMaxSpecCharacters", "1e7")]
    [InlineData("QiwiMaxSpecCharacters", "2147483648")]
    [InlineData("QiwiMaxSpecCharacters", "99999999999999999999999")]
    [InlineData("QiwiMaxSpecNodes", "+1")]
    [InlineData("QiwiMaxSpecNodes", "1,000")]
    [InlineData("QiwiMaxSpecNodes", "0x100")]
    public void A_value_that_is_not_a_positive_whole_number_is_QIWI0011_and_the_default_holds(string option, string value)
    {
        var result = Run(OverDefaultSize, (option, value));
        var invalid = Assert.Single(result.Diagnostics, d => d.Id == "QIWI0011");
        Assert.Contains(option, invalid.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'" + value + "'", invalid.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(GeneratorHarness.SpecPath, invalid.Location.GetLineSpan().Path);
        Assert.Single(result.Diagnostics, d => d.Id == "QIWI0016");
    }

    [Fact]
    public void Random_option_values_are_taken_exactly_when_they_are_whole_numbers_in_range()
    {
        // Seeded values near the edges (signs, spaces, separators, leading zeros, digits of other scripts, the
        // type's bounds) against the plain rule: ASCII digits only, from 1 to the type's maximum.
        var random = new Random(11011);
        var pieces = new[] { "0", "1", "9", "00", "-", "+", " ", ",", ".", "e", "x", "٣", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "\t", "" };
        for (var i = 0; i < 3000; i++)
        {
            string? Next() => random.Next(6) == 0 ? null : string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => pieces[random.Next(pieces.Length)]));
            var characters = Next();
            var nodes = Next();
            var diagnostics = new List<Qiwi.Generator.Diagnostics.DiagnosticInfo>();
            var limits = Qiwi.Generator.Parsing.SpecLimits.For("/spec.yaml", new Qiwi.Generator.Input.SpecOptions(null, null, null, "Demo", characters, nodes), diagnostics);

            var expectedCharacters = Expected(characters, int.MaxValue, Qiwi.Generator.Parsing.SpecLimits.Default.MaxDocumentLength, out var badCharacters);
            var expectedNodes = Expected(nodes, long.MaxValue, Qiwi.Generator.Parsing.SpecLimits.Default.MaxExpandedNodes, out var badNodes);
            var what = "'" + characters + "', '" + nodes + "'";
            Assert.True(expectedCharacters == limits.MaxDocumentLength, what);
            Assert.True(expectedNodes == limits.MaxExpandedNodes, what);
            Assert.True((badCharacters ? 1 : 0) + (badNodes ? 1 : 0) == diagnostics.Count, what);
            Assert.All(diagnostics, d => Assert.Equal("QIWI0011", d.Id));
        }
    }

    private static long Expected(string? value, long max, long fallback, out bool bad)
    {
        bad = false;
        if (value is null)
        {
            return fallback;
        }

        if (value.Length > 0 && value.All(c => c is >= '0' and <= '9') && System.Numerics.BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture) is var parsed && parsed >= 1 && parsed <= max)
        {
            return (long)parsed;
        }

        bad = true;
        return fallback;
    }

    [Fact]
    public void The_build_props_make_both_options_visible_to_the_compiler()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Qiwi.Generator", "build", "Qiwi.Generator.props"));
        Assert.Contains("MetadataName=\"QiwiMaxSpecCharacters\"", props, StringComparison.Ordinal);
        Assert.Contains("MetadataName=\"QiwiMaxSpecNodes\"", props, StringComparison.Ordinal);
    }

    private static GeneratorRunResult Run(string spec, params (string Name, string Value)[] metadata)
    {
        var result = GeneratorHarness.ForSpec(spec, metadata.Length == 0 ? null : metadata.ToDictionary(m => m.Name, m => m.Value)).Run();
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "QIWI9999");
        return result;
    }
}
