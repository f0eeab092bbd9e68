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
/// The driver's text of a generated file (<see cref="SourceEmitter.TryEmit"/>: a <see cref="NarrowSourceText"/> unless
/// more than one character in six is not ASCII) against what <c>AddSource(string, string)</c> makes of the same file's
/// string, <c>SourceText.From(text, Encoding.UTF8)</c>: for the spec, the spec in Russian, 150 seeded mutants and a spec
/// with Cyrillic and an emoji in its docs (and for seeded files of random lines written straight to a
/// <see cref="CodeWriter"/>, with NUL, controls, lone surrogates and other non-ASCII characters among ASCII at every
/// density around the share), the same characters read every way the compiler and the IDE read them (seeded indexes,
/// copies and spans, out-of-range ones throwing alike), the same lines, encoding, checksum algorithm and checksum; and a
/// deterministic build of the generated code gives the same assembly and PDB byte for byte.
/// </summary>
public sealed class NarrowSourceTextDifferentialTests
{
    /// <summary>
    /// The spec's own files are all ASCII, so the driver holds them at one byte a character with nothing kept aside;
    /// the same spec in Russian goes narrow too wherever its docs leave at most one character in six to keep aside (one
    /// non-ASCII character made a whole file a UTF-16 string before: an en dash from the docs cost one run 93 KB).
    /// </summary>
    [Fact]
    public void Every_file_of_the_spec_goes_to_the_driver_narrow_and_in_russian_as_the_share_says()
    {
        var (narrow, strings) = (0, 0);
        foreach (var russian in new[] { false, true })
        {
            var spec = russian ? Qiwi.Testing.SpecInRussian.Of(GeneratorHarness.RealSpec) : GeneratorHarness.RealSpec;
            var model = SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, spec, new SpecOptions(null, null, null, "Demo"))).Model!;
            foreach (var unit in SourceEmitter.Split(model, dependencyInjection: true).All())
            {
                var (text, error) = SourceEmitter.TryEmit(unit);
                Assert.Null(error);
                if (text is null)
                {
                    continue;
                }

                var wide = text.ToString().Count(c => c > '\u007F');
                if (!russian)
                {
                    Assert.True(text is NarrowSourceText { AsideCount: 0 }, $"{unit.HintName} has a character that is not ASCII: " + string.Concat(text.ToString().Where(c => c > '\u007F').Distinct()));
                    continue;
                }

                Assert.Equal(wide <= text.Length / 6, text is NarrowSourceText);
                _ = text is NarrowSourceText ? narrow++ : strings++;
            }
        }

        // The Russian docs reach most files, and the model files' docs are dense enough to pass the share.
        Assert.True(narrow > 20, narrow + " Russian files narrow, " + strings + " as strings");
    }

    [Fact]
    public void Every_file_reads_as_the_string_the_driver_would_have_made()
    {
        var spec = GeneratorHarness.RealSpec;
        var (narrow, other) = (0, 0);
        var random = new Random(2611);
        for (var seed = -3; seed < 150; seed++)
        {
            var text = seed switch
            {
                -3 => Qiwi.Testing.SpecInRussian.Of(spec),
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
                _ = actual is NarrowSourceText ? narrow++ : other++;
                Assert.Equal(IsNarrow(expected), actual is NarrowSourceText);
                SameText(SourceText.From(expected, Encoding.UTF8), actual, random, unit.HintName + " (seed " + seed + ")");
            }
        }

        Assert.True(narrow > 1_000, narrow + " narrow files");
        Assert.True(other >= 1, other + " files as strings");
    }

    [Fact]
    public void Seeded_random_lines_read_as_their_string()
    {
        var random = new Random(2612);
        var (ascii, aside, other) = (0, 0, 0);
        for (var file = 0; file < 400; file++)
        {
            // A share of non-ASCII characters per file: none, sparse, around the one-in-six limit, or dense.
            var share = (file % 6) switch { 0 => 0.0, 1 => 0.005, 2 => 0.14, 3 => 0.165, 4 => 0.19, _ => 0.4 };
            var lines = Enumerable.Range(0, random.Next(0, file % 50 == 7 ? 6_000 : file % 10 == 3 ? 1_500 : 60)).Select(_ => RandomLine(random, share)).ToList();
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
            _ = text is NarrowSourceText n ? (n.AsideCount == 0 ? ascii++ : aside++) : other++;
            Assert.Equal(IsNarrow(asString), text is NarrowSourceText);
            SameText(SourceText.From(asString, Encoding.UTF8), text, random, "file " + file);
        }

        Assert.True(ascii > 50 && aside > 100 && other > 50, ascii + " ASCII, " + aside + " with characters aside, " + other + " strings");
    }

    /// <summary>
    /// The vector narrowing against the character-by-character reference, on seeded texts whose non-ASCII characters
    /// fall often at a block's first or last character, at shares on both sides of the limit and exactly at it.
    /// </summary>
    [Fact]
    public void Narrowing_matches_its_reference_at_every_share_and_block_edge()
    {
        var random = new Random(2613);
        var width = System.Numerics.Vector<ushort>.Count;
        var (narrow, refused) = (0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, i % 10 == 0 ? 4_000 : 6 * width);
            var chars = new char[length + random.Next(0, 8)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = (char)random.Next(0, 128);
            }

            var wide = (i % 4) switch { 0 => random.Next(0, 3), 1 => length / 6, 2 => length / 6 + 1, _ => random.Next(0, length + 1) };
            for (var w = 0; w < wide && length > 0; w++)
            {
                var at = random.Next(2) == 0 ? Math.Min(length - 1, random.Next(0, 12) * width - random.Next(0, 2)) : random.Next(length);
                chars[Math.Max(0, at)] = (char)random.Next(128, 0x10000);
            }

            var expected = NarrowSourceText.NarrowSimple(chars, length);
            var actual = NarrowSourceText.TryNarrow(chars, length);
            var where = $"case {i}, length {length}";
            Assert.True((expected is null) == (actual is null), where);
            Assert.Equal(new string(chars, 0, length).Count(c => c >= 128) <= length / 6, actual is not null);
            if (expected is null || actual is null)
            {
                refused++;
                continue;
            }

            narrow++;
            Assert.Equal(expected.AsideCount, actual.AsideCount);
            Assert.True(expected.ToString() == actual.ToString() && actual.ToString() == new string(chars, 0, length), where);
        }

        Assert.True(narrow > 5_000 && refused > 3_000, narrow + " narrowed, " + refused + " refused");
    }

    private static bool IsNarrow(string text) => text.Count(c => c >= 128) <= text.Length / 6;

    private static string RandomLine(Random random, double share)
    {
        var chars = new char[random.Next(0, 120)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.NextDouble() >= share ? (char)random.Next(32, 127) : random.Next(5) switch
            {
                0 => (char)random.Next(0xD800, 0xE000),
                1 or 2 => (char)random.Next(128, 0x800),
                _ => (char)random.Next(0x800, 0x10000),
            };
            if (random.Next(200) == 0)
            {
                chars[i] = (char)random.Next(0, 32);
            }
        }

        return new string(chars);
    }

    [Fact]
    public void A_deterministic_build_of_the_generated_code_is_the_same_byte_for_byte()
    {
        var harness = GeneratorHarness.ForSpec(Qiwi.Testing.SpecInRussian.Of(NonAsciiDocs(GeneratorHarness.RealSpec)));
        harness.Run();
        var output = harness.Output!.WithOptions(harness.Output.Options.WithDeterministic(true));
        var generated = output.SyntaxTrees.Where(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        Assert.Contains(generated, tree => tree.GetText() is NarrowSourceText { AsideCount: 0 });
        Assert.Contains(generated, tree => tree.GetText() is NarrowSourceText { AsideCount: > 0 });
        Assert.Contains(generated, tree => tree.GetText() is not NarrowSourceText);
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
