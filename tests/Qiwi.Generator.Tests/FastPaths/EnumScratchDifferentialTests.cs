using System.Text;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The enum reader's scratch collections (one set per read, cleared from enum to enum) against a read in which the
/// enum is the only one: on seeded specs of many random enums (string and integer, closed and open, values and
/// names from a small alphabet so that duplicates, missing names, unlisted values and clashes are common), each
/// enum reads into the same model, and the spec into the same diagnostics, as that enum read alone (the other
/// enums blanked to comment lines, so every line and column stays where it was).
/// </summary>
public sealed class EnumScratchDifferentialTests
{
    private static readonly string[] Values = { "A", "B", "c", "1", "2", "-3", "007", "x y" };
    private static readonly string[] Names = { "Alpha", "Beta", "Gamma", "Unknown", "IsKnown", "class", "Alpha" };

    [Fact]
    public void Each_enum_reads_as_when_it_is_the_only_one()
    {
        var random = new Random(4242);
        var compared = 0;
        var clean = 0;
        var broken = 0;
        for (var spec = 0; spec < 40; spec++)
        {
            var enums = Enumerable.Range(0, random.Next(2, 9)).Select(index => RandomEnum(random, index)).ToArray();
            var whole = SpecReader.Read(SpecOf(Text(enums, only: -1)), reuseNodes: false);
            Assert.NotNull(whole.Model);
            var alone = Enumerable.Range(0, enums.Length).Select(index => SpecReader.Read(SpecOf(Text(enums, index)), reuseNodes: false)).ToArray();
            var expectedDiagnostics = alone.SelectMany(result => result.Diagnostics).Distinct().ToList();
            Assert.Equal(expectedDiagnostics, whole.Diagnostics.Distinct().ToList());
            clean += alone.Count(result => result.Diagnostics.Count == 0);
            broken += alone.Count(result => result.Diagnostics.Count > 0);
            for (var index = 0; index < enums.Length; index++)
            {
                var expected = alone[index].Model!.Enums.SingleOrDefault();
                var actual = whole.Model!.Enums.SingleOrDefault(model => model.Name == "E" + index);
                Assert.Equal(expected, actual);
                compared += expected is null ? 0 : 1;
            }
        }

        Assert.True(clean > 20 && broken > 20, clean + " clean and " + broken + " broken enums"); // both common: the comparison proves something
        Assert.True(compared > 60, compared + " enums compared");
    }

    private static string[] RandomEnum(Random random, int index)
    {
        var integer = random.Next(3) == 0;
        var open = random.Next(3) == 0;
        string Value() => integer ? Values[3 + random.Next(4)] : Values[random.Next(Values.Length)];
        var lines = new List<string> { "    E" + index + ":", "      type: " + (integer ? "integer" : "string") };
        if (random.Next(2) == 0)
        {
            // A tidy enum: distinct values, each named once (most of these read without a diagnostic).
            var tidy = (integer ? Values[3..7] : Values).OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToArray();
            lines.AddRange(open ? Array.Empty<string>() : tidy.Select(value => "        - '" + value + "'").Prepend("      enum:"));
            lines.Add("      x-qiwi-enum:");
            lines.AddRange(tidy.SelectMany((value, at) => new[] { "        - value: '" + value + "'", "          name: N" + at + "x" + index }));
            return lines.ToArray();
        }

        if (!open)
        {
            lines.Add("      enum:");
            lines.AddRange(Enumerable.Range(0, random.Next(1, 6)).Select(_ => "        - '" + Value() + "'"));
        }

        lines.Add("      x-qiwi-enum:");
        foreach (var _ in Enumerable.Range(0, random.Next(open ? 1 : 0, 6)))
        {
            lines.Add("        - value: '" + Value() + "'");
            if (random.Next(6) != 0)
            {
                lines.Add("          name: " + Names[random.Next(Names.Length)]);
            }

            if (random.Next(4) == 0)
            {
                lines.Add("          description: D" + random.Next(3));
            }
        }

        if (lines[^1] == "      x-qiwi-enum:")
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.ToArray();
    }

    private static string Text(string[][] enums, int only)
    {
        var text = new StringBuilder("openapi: 3.0.3\ninfo:\n  title: Enums\n  version: '1'\nx-qiwi-client:\n  name: Enums\npaths: {}\ncomponents:\n  schemas:\n");
        for (var index = 0; index < enums.Length; index++)
        {
            foreach (var line in enums[index])
            {
                text.Append(only < 0 || only == index ? line : "#".PadRight(line.Length)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static SpecFile SpecOf(string text) => new("/enums.yaml", text, new SpecOptions(null, null, null, string.Empty));
}
