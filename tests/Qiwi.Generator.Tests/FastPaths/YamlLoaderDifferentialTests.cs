using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The loader (reused frames, small maps without a key set) against <see cref="ReferenceYamlTree"/> on seeded
/// random YAML and on seeded mutants of the spec: the same tree (every span, size and entry, lookups agreeing
/// with the entries) and the same diagnostics in the same order.
/// </summary>
public sealed class YamlLoaderDifferentialTests
{
    [Fact]
    public void Random_yaml_loads_as_the_reference_reads_it()
    {
        var random = new Random(1603);
        for (var i = 0; i < 4000; i++)
        {
            AssertSame(RandomYaml.Next(random), "case " + i);
        }
    }

    [Fact]
    public void Mutants_of_the_spec_load_as_the_reference_reads_them()
    {
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        AssertSame(spec, "the spec");
        for (var seed = 0; seed < 230; seed++)
        {
            AssertSame(SpecMutator.Mutate(spec, seed).Text, "mutant " + seed);
        }
    }

    private static string FirstDifference(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return (expected is null ? "expected no tree" : "expected a tree") + ", " + (actual is null ? "loaded none" : "loaded one");
        }

        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 80);
        return "offset " + i + ": expected ..." + expected.Substring(from, Math.Min(160, expected.Length - from)) + "\nactual ..." + actual.Substring(from, Math.Min(160, actual.Length - from));
    }

    private static void AssertSame(string text, string what)
    {
        var (tree, expected, syntaxError) = ReferenceYamlTree.Load(text);
        var diagnostics = new List<DiagnosticInfo>();
        var root = YamlLoader.Load("/ref.yaml", text, diagnostics);
        if (syntaxError)
        {
            Assert.True(root is null, what + ": a syntax error loads nothing\n" + text);
            Assert.True(diagnostics.Count == expected.Count + 1 && diagnostics[^1].Id == "QIWI0001", what + ": the syntax error is the last diagnostic\n" + text);
            diagnostics.RemoveAt(diagnostics.Count - 1);
        }
        else
        {
            var actual = root is null ? null : YamlDump.Of(root);
            Assert.True(tree == actual, what + ": the tree differs at " + FirstDifference(tree, actual) + "\n" + text);
        }

        Assert.True(expected.SequenceEqual(diagnostics), what + ": the diagnostics differ\n" + text + "\nexpected " + string.Join("; ", expected) + "\nactual " + string.Join("; ", diagnostics));
    }
}
