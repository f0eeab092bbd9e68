using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="FastYamlReader"/> against the YamlDotNet path (<see cref="YamlLoader.LoadWithYamlDotNet"/>) on seeded
/// random block YAML with random edits, on seeded mutants of the spec, on prefixes of the spec and on the spec with
/// one line indented a space more or less, each also with "\r\n" line ends (a checkout on Windows): either the fast
/// reader gives up, or its tree (every value, Quoted flag, span and size) and its diagnostics are exactly the YamlDotNet
/// path's. The spec itself must not be given up on with either line end, and neither must a good share of the random
/// texts (or the comparison proves nothing).
/// </summary>
public sealed class FastYamlReaderDifferentialTests
{
    private const string Path = "/spec.yaml";
    private readonly ITestOutputHelper _output;

    public FastYamlReaderDifferentialTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_spec_is_read_fast_and_as_YamlDotNet_reads_it()
    {
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        Assert.True(Compare(spec, "the spec"), "the fast reader gave up on the spec");
        var diagnostics = new List<DiagnosticInfo>();
        Assert.NotNull(YamlLoader.Load(Path, spec, diagnostics));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void The_spec_with_crlf_line_ends_is_read_fast_and_as_YamlDotNet_reads_it()
    {
        var spec = Crlf(File.ReadAllText(RepositoryPaths.Spec));
        Assert.True(Compare(spec, "the spec with CRLF"), "the fast reader gave up on the spec with CRLF line ends");
    }

    [Fact]
    public void Random_block_yaml_with_crlf_or_mixed_line_ends_is_read_as_YamlDotNet_reads_it_or_given_up()
    {
        // Every line end "\r\n", or each one by a coin (mixed), or a lone '\r' put somewhere (which must be given up on:
        // YamlDotNet reads it as a line break of its own).
        var random = new Random(2718);
        var fast = 0;
        const int cases = 15000;
        for (var i = 0; i < cases; i++)
        {
            var text = RandomBlockYaml.Next(random);
            var variant = random.Next(3);
            text = variant switch
            {
                0 => Crlf(text),
                1 => string.Concat(text.Split('\n').Select((line, k) => (k == 0 ? string.Empty : random.Next(2) == 0 ? "\r\n" : "\n") + line)),
                _ => text.Insert(random.Next(text.Length + 1), "\r"),
            };
            var read = Compare(text, "case " + i + " (variant " + variant + ")");
            fast += read ? 1 : 0;
            var loneCarriageReturn = text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\r', StringComparison.Ordinal);
            Assert.False(read && loneCarriageReturn, "case " + i + ": a lone carriage return was read fast");
        }

        _output.WriteLine(fast + " of " + cases + " random texts with CRLF read fast");
        Assert.True(fast > cases / 8, "only " + fast + " of " + cases + " texts were read fast: the comparison would prove little");
    }

    [Fact]
    public void Prefixes_and_mutants_of_the_spec_with_crlf_are_read_as_YamlDotNet_reads_them_or_given_up()
    {
        // Every offset of the first 3,000 characters (some end between '\r' and '\n'), every 97th after, and 100 mutants.
        var spec = Crlf(File.ReadAllText(RepositoryPaths.Spec));
        for (var length = 0; length < spec.Length; length += length < 3000 ? 1 : 97)
        {
            Compare(spec.Substring(0, length), "CRLF prefix " + length);
        }

        var original = File.ReadAllText(RepositoryPaths.Spec);
        var fast = 0;
        for (var seed = 0; seed < 100; seed++)
        {
            fast += Compare(Crlf(SpecMutator.Mutate(original, seed).Text), "CRLF mutant " + seed) ? 1 : 0;
        }

        Assert.True(fast > 10, "only " + fast + " CRLF mutants were read fast");
    }

    [Fact]
    public void Random_block_yaml_is_read_as_YamlDotNet_reads_it_or_given_up()
    {
        var random = new Random(1618);
        var fast = 0;
        const int cases = 40000;
        for (var i = 0; i < cases; i++)
        {
            fast += Compare(RandomBlockYaml.Next(random), "case " + i) ? 1 : 0;
        }

        _output.WriteLine(fast + " of " + cases + " random texts read fast");
        Assert.True(fast > cases / 5, "only " + fast + " of " + cases + " texts were read fast: the comparison would prove little");
    }

    [Fact]
    public void Mutants_of_the_spec_are_read_as_YamlDotNet_reads_them_or_given_up()
    {
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        var fast = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            fast += Compare(SpecMutator.Mutate(spec, seed).Text, "mutant " + seed) ? 1 : 0;
        }

        _output.WriteLine(fast + " of 300 mutants read fast");
        Assert.True(fast > 30, "only " + fast + " mutants were read fast");
    }

    [Fact]
    public void Prefixes_of_the_spec_are_read_as_YamlDotNet_reads_them_or_given_up()
    {
        // Every offset of the first 8,000 characters (the header, servers, block scalars, the first operations),
        // then every 31st offset and every line's end to the end of the file.
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        for (var length = 0; length < spec.Length; length += length < 8000 ? 1 : 31)
        {
            Compare(spec.Substring(0, length), "prefix " + length);
        }

        for (var end = spec.IndexOf('\n'); end >= 0; end = spec.IndexOf('\n', end + 1))
        {
            Compare(spec.Substring(0, end), "prefix " + end);
        }
    }

    [Fact]
    public void The_spec_with_a_line_shifted_is_read_as_YamlDotNet_reads_it_or_given_up()
    {
        var spec = File.ReadAllText(RepositoryPaths.Spec);
        var lines = spec.Split('\n');
        for (var i = 0; i < lines.Length; i += 3)
        {
            var copy = (string[])lines.Clone();
            copy[i] = i % 2 == 0 ? " " + lines[i] : lines[i].StartsWith(' ') ? lines[i].Substring(1) : "- " + lines[i];
            Compare(string.Join('\n', copy), "line " + (i + 1) + " shifted");
        }
    }

    [Fact]
    public void Literal_block_scalars_and_ends_of_the_file_are_read_as_YamlDotNet_reads_them()
    {
        // Each of these must be read fast (they are inside the subset), and equally.
        string[] texts =
        {
            "a: |\n  x\n\n  y\n\n\nb: 1\n", "a: |\n  x\n  y", "a: |\n  x\n  y\n", "a: |\n  x\n\n", "a: |\n  x\n \n", "a:\n  b: |\n    x\n  # c\n",
            "- |\n  x\n- y", "a:\n- b\n- c: 1\n  d: |\n    e\nf: []\n", "a: 1\n  # c", "a: 1\n   ", "a:\n  b:\n    c: 1", "a:\n  b:\n    c: 1\n      ",
            "a: ''\nb: 'it''s'\nc: \"q\"\nd: [a, 'b c', 1]\ne: {}\n", "'a' : b\n\"c\": d\n", "a: b # c\nd: e#f\n", "a: x\na: y\n",
        };
        foreach (var text in texts)
        {
            Assert.True(Compare(text, text), "given up on " + text);
            Assert.True(Compare(Crlf(text), "CRLF " + text), "given up on " + text + " with CRLF");
        }
    }

    private static string Crlf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    /// <summary>True when the fast reader read <paramref name="text"/> (and then it agreed); false when it gave up.</summary>
    private static bool Compare(string text, string what)
    {
        if (!FastYamlReader.TryLoad(Path, text, out var root, out var diagnostics))
        {
            return false;
        }

        var expectedDiagnostics = new List<DiagnosticInfo>();
        var expected = YamlLoader.LoadWithYamlDotNet(Path, text, expectedDiagnostics);
        var expectedTree = expected is null ? null : YamlDump.Of(expected);
        var actualTree = root is null ? null : YamlDump.Of(root);
        Assert.True(expectedTree == actualTree, what + ": the tree differs\n" + text + "\nexpected " + expectedTree + "\nactual   " + actualTree);
        Assert.True(
            expectedDiagnostics.SequenceEqual(diagnostics),
            what + ": the diagnostics differ\n" + text + "\nexpected " + string.Join("; ", expectedDiagnostics) + "\nactual " + string.Join("; ", diagnostics));
        return true;
    }
}
