using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Input;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="NodeArena"/> (the nodes and child arrays of one load, reused by the next load on the thread) against
/// new nodes, on seeded inputs read one after another on one thread, so that every load reuses nodes, entry runs and
/// dictionaries a load of another size left: the spec, MiniSpec and seeded mutants of the spec (syntax errors,
/// limits, the YamlDotNet fallback after the fast reader gave up half way) read into the same model with the same
/// diagnostics; random YAML loads into the same tree (every span, size, entry, and lookups agreeing with the
/// entries); and a returned arena keeps no string of its last load alive.
/// </summary>
public sealed class NodeArenaDifferentialTests
{
    [Fact]
    public void Specs_read_into_a_reused_arena_as_into_new_nodes()
    {
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        var texts = new List<string> { spec, MiniSpec.Text, spec.Replace("\n", "\r\n", StringComparison.Ordinal) };
        for (var seed = 0; seed < 150; seed++)
        {
            texts.Add(SpecMutator.Mutate(spec, seed).Text);
        }

        var expected = texts.Select(text => SpecReader.Read(SpecOf(text), reuseNodes: false)).ToList();
        Assert.Contains(expected, result => result.Model is null); // mutants that do not read at all are among them
        Assert.Contains(expected, result => result.Model is not null && result.Diagnostics.Count > 0);
        var random = new Random(7331);
        for (var round = 0; round < 2; round++)
        {
            foreach (var index in Enumerable.Range(0, texts.Count).OrderBy(_ => random.Next()))
            {
                var actual = SpecReader.Read(SpecOf(texts[index]), reuseNodes: true);
                Assert.True(Equals(expected[index], actual), "text " + index + " read otherwise from a reused arena:\n" + Describe(expected[index]) + "\n---\n" + Describe(actual));
            }
        }
    }

    [Fact]
    public void Random_yaml_loads_into_a_reused_arena_as_into_new_nodes()
    {
        var random = new Random(8086);
        for (var i = 0; i < 3000; i++)
        {
            var text = i % 2 == 0 ? RandomYaml.Next(random) : RandomBlockYaml.Next(random);
            text = i % 3 == 0 ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
            var expected = Load(text, arena: null);
            var arena = NodeArena.Rent();
            try
            {
                Assert.Equal(expected, Load(text, arena));
            }
            finally
            {
                NodeArena.Return(arena);
            }
        }
    }

    [Fact]
    public void A_returned_arena_keeps_no_string_of_its_last_load()
    {
        var (value, returned) = LoadAndReturn();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(value.IsAlive, "a node of the returned arena still holds a string of its last load");
        Assert.Same(returned, NodeArena.Rent()); // the arena itself is kept for the thread's next load
        NodeArena.Return(returned);
    }

    [Fact]
    public void An_arena_grown_by_a_large_document_is_not_kept()
    {
        var arena = NodeArena.Rent();
        var text = string.Concat(Enumerable.Repeat("- a\n", 20_000)); // 20,001 nodes: past the 16,384 an arena is kept for
        Assert.NotNull(YamlLoader.Load("/ref.yaml", text, new List<DiagnosticInfo>(), null, arena));
        NodeArena.Return(arena);
        var next = NodeArena.Rent();
        Assert.NotSame(arena, next);
        NodeArena.Return(next);
    }

    private static (WeakReference Value, NodeArena Arena) LoadAndReturn()
    {
        var arena = NodeArena.Rent();
        var unique = "value-" + Guid.NewGuid().ToString("N") + new string('x', SlicePool.MaxLength); // longer than the slice pool keeps
        var root = (YamlMap)YamlLoader.Load("/ref.yaml", "a:\n  b: " + unique + "\n  c: [d]\n", new List<DiagnosticInfo>(), null, arena)!;
        var value = ((YamlScalar)root.GetMap("a")!["b"]!).Value;
        Assert.Equal(unique, value);
        var weak = new WeakReference(value);
        NodeArena.Return(arena);
        return (weak, arena);
    }

    private static string Load(string text, NodeArena? arena)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var root = YamlLoader.Load("/ref.yaml", text, diagnostics, null, arena);
        return (root is null ? "(none)" : YamlDump.Of(root)) + "\n" + string.Join("; ", diagnostics);
    }

    private static SpecFile SpecOf(string text) => new(GeneratorHarness.SpecPath, text, new SpecOptions(null, null, null, "Demo"));

    private static string Describe(Model.ParseResult result)
        => (result.Model is null ? "(no model)" : result.Model.Objects.Count + " objects, " + result.Model.Operations.Count + " operations")
           + "\n" + string.Join("\n", result.Diagnostics.Select(d => d.ToString()));
}
