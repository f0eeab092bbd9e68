using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="ParseContext.FindPointer"/> (segment by segment, '~' escapes replaced only where present) against the
/// plain reading of a JSON pointer (split on '/', then "~1" to "/" and "~0" to "~"), on seeded random pointers over
/// a document whose keys hold '/', '~', "~0", "~1", digits and empty text, and whose sequences are indexed. The map
/// <c>a</c> has more than <see cref="YamlMap.SmallMap"/> keys, so the reference looks its segments up in the map's
/// dictionary while the walk compares them in place (<see cref="YamlMap.Find"/>).
/// </summary>
public sealed class PointerWalkDifferentialTests
{
    private const string Yaml = """
        a:
          b: 1
          'x/y': 2
          'x~y': 3
          '~1': 4
          '~0': 5
          '': 6
          c: 11
          u: 12
          '0':
            - p
            - q: 7
              'r/s': [u, v]
        '1':
          - 8
          - c:
              d: 9
        'e~01': 10
        """;

    private static readonly string[] Segments = { "a", "b", "x~1y", "x~0y", "x/y", "~01", "~00", "~1", "~0", "", "0", "1", "2", "-1", "01", "q", "r~1s", "u", "c", "d", "e~001", "~", "~2" };

    [Fact]
    public void Pointers_resolve_as_the_plain_reading_resolves_them()
    {
        var diagnostics = new List<DiagnosticInfo>();
        var root = (YamlMap)YamlLoader.Load("/p.yaml", Yaml, diagnostics)!;
        Assert.Empty(diagnostics);
        var context = new ParseContext("/p.yaml", root, diagnostics);
        var random = new Random(57721);
        var found = 0;
        for (var i = 0; i < 20000; i++)
        {
            var count = random.Next(0, 5);
            var pointer = random.Next(10) == 0 ? "#" : "#/";
            for (var j = 0; j < count; j++)
            {
                pointer += (j == 0 ? string.Empty : "/") + Segments[random.Next(Segments.Length)];
            }

            if (random.Next(8) == 0)
            {
                pointer += "/";
            }

            var expected = Reference(root, pointer);
            Assert.Same(expected, context.FindPointer(pointer));
            found += expected is null ? 0 : 1;
        }

        Assert.True(found > 300, "only " + found + " pointers resolved: the comparison would prove little");
    }

    private static YamlNode? Reference(YamlMap root, string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        YamlNode? current = root;
        foreach (var raw in pointer.Substring(2).Split('/'))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            current = current switch
            {
                YamlMap map => map[segment],
                YamlSequence sequence when int.TryParse(segment, out var index) && index >= 0 && index < sequence.Items.Count => sequence.Items[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
