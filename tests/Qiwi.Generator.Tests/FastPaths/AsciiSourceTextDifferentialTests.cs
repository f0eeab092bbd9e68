using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Input;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The driver's text of a generated file (<see cref="SourceEmitter.TryEmit"/>: an <see cref="AsciiSourceText"/> when
/// the file is all ASCII) against what <c>AddSource(string, string)</c> makes of the same file's string,
/// <c>SourceText.From(text, Encoding.UTF8)</c>: for the spec, 150 seeded mutants and a spec with Cyrillic and an emoji
/// in its docs (and for seeded files of random lines written straight to a <see cref="CodeWriter"/>, with NUL, controls,
/// lone surrogates and other non-ASCII characters among ASCII), the same characters read every way the compiler and the IDE read them (seeded
/// indexes, copies and spans, out-of-range ones throwing alike), the same lines, encoding, checksum algorithm and
/// checksum; and a deterministic build of the generated code gives the same assembly and PDB byte for byte.
/// </summary>
public sealed class AsciiSourceTextDifferentialTests
{
    /// <summary>
    /// The spec's own files are all ASCII, so the driver holds them at one byte a character: a non-ASCII character in a
    /// description (an en dash from the docs cost one run 93 KB: the largest file went as a UTF-16 string) fails here.
    /// </summary>
    [Fact]
    public void Every_file_of_the_spec_goes_to_the_driver_as_ascii()
    {
        var model = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec, new SpecOptions(null, null, null, "Demo"))).Model!;
        foreach (var unit in SourceEmitter.Split(model, dependencyInjection: true).All())
        {
            var (text, error) = SourceEmitter.TryEmit(unit);
            Assert.Null(error);
            if (text is not null)
            {
                Assert.True(text is AsciiSourceText, $"{unit.HintName} has a character that is not ASCII: " + string.Concat(text.ToString().Where(c => c > '\u007F').Distinct()));
            }
        }
    }

    [Fact]
    public void Every_file_reads_as_the_string_the_driver_would_have_made()
    {
        var spec = GeneratorHarness.RealSpec;
        var (ascii, other) = (0, 0);
        var random = new Random(2611);
        for (var seed = -2; seed < 150; seed++)
        {
            var text = seed switch
            {
                -2 => spec,
                -1 => NonAsciiDocs(spec),
                _ => SpecMutator.Mutate(spec, seed).Text,
            };
            var model = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, text, new SpecOptions(null, null, null, "Demo"))).Model;
            if (model is null)
            {
                continue;
            }

            foreach (var unit in SourceEmitter.Split(model, dependencyInjection: seed % 2 == 0).All())
            {
                var made = SourceEmitter.TryEmit(unit);
                var expected = SourceEmitter.Emit(unit);
                Assert.Null(made.Error);
                if (expected is null)
                {
                    Assert.Null(made.Text);
                    continue;
                }

                var actual = made.Text!;
                _ = actual is AsciiSourceText ? ascii++ : other++;
                Assert.Equal(expected.All(c => c < 128), actual is AsciiSourceText);
                SameText(SourceText.From(expected, Encoding.UTF8), actual, random, unit.HintName + " (seed " + seed + ")");
            }
        }

        Assert.True(ascii > 1_000, ascii + " ASCII files");
        Assert.True(other >= 1, other + " files with other characters");
    }

    [Fact]
    public void Seeded_random_lines_read_as_their_string()
    {
        var random = new Random(2612);
        var (ascii, other) = (0, 0);
        for (var file = 0; file < 400; file++)
        {
            var lines = Enumerable.Range(0, random.Next(0, file % 50 == 7 ? 6_000 : file % 10 == 3 ? 1_500 : 60)).Select(_ => RandomLine(random, nonAscii: file % 3 == 0)).ToList();
            var depth = random.Next(0, 14);
            CodeWriter Written()
            {
                var writer = new CodeWriter("Demo");
                for (var i = 0; i < depth; i++)
                {
                    writer.Indent();
                }

                lines.ForEach(line => writer.Line(line));
                return writer;
            }

            var asString = Written().ToString();
            var text = Written().ToSourceText();
            _ = text is AsciiSourceText ? ascii++ : other++;
            Assert.Equal(asString.All(c => c < 128), text is AsciiSourceText);
            SameText(SourceText.From(asString, Encoding.UTF8), text, random, "file " + file);
        }

        Assert.True(ascii > 200 && other > 50, ascii + " ASCII, " + other + " other");
    }

    private static string RandomLine(Random random, bool nonAscii)
    {
        var chars = new char[random.Next(0, 120)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (nonAscii ? random.Next(8) : 1) switch
            {
                0 => (char)random.Next(0, 32),
                1 or 2 or 3 or 4 => (char)random.Next(32, 127),
                5 => (char)random.Next(0xD800, 0xE000),
                6 => (char)random.Next(128, 0x800),
                _ => (char)random.Next(0x800, 0x10000),
            };
        }

        return new string(chars);
    }

    [Fact]
    public void A_deterministic_build_of_the_generated_code_is_the_same_byte_for_byte()
    {
        var harness = GeneratorHarness.ForSpec(NonAsciiDocs(GeneratorHarness.RealSpec));
        harness.Run();
        var output = harness.Output!.WithOptions(harness.Output.Options.WithDeterministic(true));
        var generated = output.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.Contains(generated, tree => tree.GetText() is AsciiSourceText);
        Assert.Contains(generated, tree => tree.GetText() is not AsciiSourceText);
        var fromStrings = output;
        foreach (var tree in generated)
        {
            var again = CSharpSyntaxTree.ParseText(SourceText.From(tree.GetText().ToString(), Encoding.UTF8), harness.ParseOptions, tree.FilePath);
            fromStrings = fromStrings.ReplaceSyntaxTree(tree, again);
        }

        var (pe, pdb) = Build(output);
        var (peAgain, pdbAgain) = Build(fromStrings);
        Assert.True(pe.SequenceEqual(peAgain), "the assemblies differ");
        Assert.True(pdb.SequenceEqual(pdbAgain), "the PDBs differ (a document's checksum or its algorithm)");
    }

    private static (byte[] Pe, byte[] Pdb) Build(Compilation compilation)
    {
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return (pe.ToArray(), pdb.ToArray());
    }

    /// <summary>The spec with a Cyrillic word and an emoji in a description the generated docs carry.</summary>
    private static string NonAsciiDocs(string spec)
    {
        const string line = "description: The identifier of the invoice to refund.";
        Assert.Contains(line, spec);
        return spec.Replace(line, "description: The identifier (счёт) of the invoice 💳 to refund.", StringComparison.Ordinal);
    }

    private static void SameText(SourceText expected, SourceText actual, Random random, string where)
    {
        Assert.True(expected.ToString() == actual.ToString(), where);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Encoding!.WebName, actual.Encoding!.WebName);
        Assert.Equal(expected.Encoding.GetPreamble(), actual.Encoding.GetPreamble());
        Assert.Equal(expected.ChecksumAlgorithm, actual.ChecksumAlgorithm);
        Assert.True(expected.GetChecksum().SequenceEqual(actual.GetChecksum()), "checksum of " + where);
        Assert.True(expected.ContentEquals(actual) && actual.ContentEquals(expected), where);
        Assert.Equal(expected.Lines.Select(l => l.SpanIncludingLineBreak), actual.Lines.Select(l => l.SpanIncludingLineBreak));
        var length = expected.Length;
        for (var i = 0; i < 40; i++)
        {
            var position = random.Next(-2, length + 3);
            Alike(() => expected[position], () => actual[position], where);
            var start = random.Next(-2, length + 3);
            var count = random.Next(-2, Math.Max(0, length - start) + 3);
            var offset = random.Next(-1, 4);
            var left = new char[Math.Max(0, count) + 2];
            var right = new char[left.Length];
            Alike(() => { expected.CopyTo(start, left, offset, count); return new string(left); }, () => { actual.CopyTo(start, right, offset, count); return new string(right); }, where);
            if (start >= 0 && count >= 0)
            {
                Alike(() => expected.ToString(new TextSpan(start, count)), () => actual.ToString(new TextSpan(start, count)), where);
                Alike(() => expected.GetSubText(new TextSpan(start, count)).ToString(), () => actual.GetSubText(new TextSpan(start, count)).ToString(), where);
            }
        }
    }

    /// <summary>The same value, or an exception of the same type from both.</summary>
    private static void Alike<T>(Func<T> expected, Func<T> actual, string where)
    {
        Exception? expectedError = null, actualError = null;
        T? left = default, right = default;
        try { left = expected(); } catch (Exception e) { expectedError = e; }
        try { right = actual(); } catch (Exception e) { actualError = e; }
        Assert.True(expectedError?.GetType() == actualError?.GetType(), where + ": " + expectedError?.GetType().Name + " against " + actualError?.GetType().Name);
        Assert.Equal(left, right);
    }
}
