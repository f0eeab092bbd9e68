using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="SchemaKeys.Of"/> (one pass over a map's entries) against the lookup it replaces, <see cref="YamlMap"/>'s
/// indexer: every field is the very node <c>map[key]</c> gives, on seeded random maps of the schema keys, near misses
/// (other case, a character more or less, quoted) and repeated keys, small and large (past <see cref="YamlMap.SmallMap"/>,
/// where the indexer uses a dictionary), and on every map of the spec.
/// </summary>
public sealed class SchemaKeysDifferentialTests
{
    private static readonly (string Key, Func<SchemaKeys, YamlNode?> Field)[] Fields =
    {
        ("$ref", k => k.Ref), ("description", k => k.Description), ("x-qiwi-name", k => k.Name), ("allOf", k => k.AllOf),
        ("oneOf", k => k.OneOf), ("anyOf", k => k.AnyOf), ("not", k => k.Not), ("type", k => k.Type), ("format", k => k.Format),
        ("enum", k => k.Enum), ("minLength", k => k.MinLength), ("maxLength", k => k.MaxLength), ("exclusiveMinimum", k => k.ExclusiveMinimum),
        ("exclusiveMaximum", k => k.ExclusiveMaximum), ("minimum", k => k.Minimum), ("maximum", k => k.Maximum), ("pattern", k => k.Pattern),
        ("x-qiwi-decimal", k => k.Decimal), ("x-qiwi-datetime", k => k.DateTime),
    };

    private static readonly string[] NearMisses =
    {
        "Type", "types", "typ", "'type'", "\"enum\"", "$Ref", "ref", "x-qiwi-names", "x-qiwi-date", "minlength", "Maximum", "nota", "properties", "required", "xml",
    };

    [Fact]
    public void Random_maps_give_the_nodes_the_indexer_gives()
    {
        var random = new Random(8128);
        var compared = 0;
        for (var i = 0; i < 4000; i++)
        {
            var lines = new List<string>();
            for (var count = random.Next(0, 24); count > 0; count--)
            {
                var key = random.Next(3) == 0 ? NearMisses[random.Next(NearMisses.Length)] : Fields[random.Next(Fields.Length)].Key;
                lines.Add(key + ": " + (random.Next(3) switch { 0 => "v" + count, 1 => "[a, b]", _ => "{}" }));
            }

            var root = YamlLoader.Load("/keys.yaml", "root: 1\n" + string.Join("\n", lines), new List<DiagnosticInfo>());
            var map = Assert.IsType<YamlMap>(root);
            compared += Compare(map, "case " + i);
        }

        Assert.True(compared > 10_000, "only " + compared + " keys were present: the comparison would prove little");
    }

    [Fact]
    public void Every_map_of_the_spec_gives_the_nodes_the_indexer_gives()
    {
        var root = YamlLoader.Load("/spec.yaml", File.ReadAllText(RepositoryPaths.Spec), new List<DiagnosticInfo>());
        var pending = new Stack<YamlNode>();
        pending.Push(root!);
        var compared = 0;
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case YamlMap map:
                    compared += Compare(map, "a map at line " + (map.Span.StartLine + 1));
                    foreach (var entry in map.Entries)
                    {
                        pending.Push(entry.Value);
                    }

                    break;
                case YamlSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        Assert.True(compared > 300, "only " + compared + " schema keys in the spec");
    }

    /// <summary>Compares every field; the number of keys present.</summary>
    private static int Compare(YamlMap map, string what)
    {
        var keys = SchemaKeys.Of(map);
        var present = 0;
        foreach (var (key, field) in Fields)
        {
            var expected = map[key];
            present += expected is null ? 0 : 1;
            Assert.True(ReferenceEquals(expected, field(keys)), what + ": '" + key + "' differs");
        }

        return present;
    }
}
