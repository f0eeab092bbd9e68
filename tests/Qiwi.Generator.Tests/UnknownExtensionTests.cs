using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Qiwi.Generator.Input;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// QIWI0017: a key that starts with <c>x-qiwi-</c> but is no extension the generator reads is a warning at that key,
/// with the nearest extension's name when it is close, and changes nothing else. Every extension of the real spec is
/// misspelt by one seeded edit in turn and must be reported there, once; the list the check knows, the extensions
/// docs/spec-extensions.md has a section for and the ones the generator's code names must be the same list.
/// </summary>
public sealed partial class UnknownExtensionTests
{
    [Fact]
    public void A_misspelt_extension_is_a_warning_at_its_key_naming_the_one_meant_and_the_output_is_unchanged()
    {
        var clean = GeneratorHarness.ForSpec(MiniSpec.Text).Run();
        var spec = MiniSpec.Replace("\nx-qiwi-client:\n", "\nx-qiwi-clinet: {}\nx-qiwi-client:\n");
        var result = GeneratorHarness.ForSpec(spec).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0017", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains("'x-qiwi-clinet' is not an extension the generator reads, so it is ignored (did you mean 'x-qiwi-client'?)", diagnostic.GetMessage(), StringComparison.Ordinal);
        var line = MiniSpec.LineOf(spec, "x-qiwi-clinet");
        Assert.Equal((line, 0), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal(
            clean.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void An_unknown_extension_far_from_every_known_one_is_reported_without_a_guess()
    {
        var spec = MiniSpec.Replace("\nx-qiwi-client:\n", "\nx-qiwi-something-else: 1\nx-qiwi-client:\n");
        var diagnostic = Assert.Single(GeneratorHarness.ForSpec(spec).Run().Diagnostics);
        Assert.Equal("QIWI0017", diagnostic.Id);
        Assert.DoesNotContain("did you mean", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_aliases_repeat_is_reported_once_where_it_is_written()
    {
        var spec = MiniSpec.Replace("\nx-qiwi-client:\n", "\nx-shared: &shared\n  x-qiwi-nmae: A\nx-again: *shared\nx-more: [*shared, *shared]\nx-qiwi-client:\n");
        var diagnostic = Assert.Single(GeneratorHarness.ForSpec(spec).Run().Diagnostics);
        Assert.Equal("QIWI0017", diagnostic.Id);
        Assert.Equal((MiniSpec.LineOf(spec, "x-qiwi-nmae"), 2), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains("did you mean 'x-qiwi-name'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_extension_of_the_real_spec_misspelt_by_one_edit_is_reported_at_its_key_once()
    {
        var text = GeneratorHarness.RealSpec;
        Assert.DoesNotContain(Read(text), d => d.Id == "QIWI0017");

        var random = new Random(16_0017);
        var keys = ExtensionKey().Matches(text).ToList();
        Assert.True(keys.Count > 30, $"only {keys.Count} extension keys in the spec");
        var mutants = 0;
        foreach (var key in keys)
        {
            var name = key.Groups[1].Value;
            for (var n = 0; n < 3; n++)
            {
                var misspelt = OneEdit(name, random);
                if (UnknownExtensions.Known.Contains(misspelt))
                {
                    continue;
                }

                var mutant = text.Substring(0, key.Groups[1].Index) + misspelt + text.Substring(key.Groups[1].Index + name.Length);
                var reported = Read(mutant).Where(d => d.Id == "QIWI0017").ToList();
                var where = $"'{name}' as '{misspelt}' at offset {key.Groups[1].Index}";
                var diagnostic = Assert.Single(reported);
                Assert.True(diagnostic.Span.Start == key.Groups[1].Index && diagnostic.Span.Length == misspelt.Length, where + $": reported at {diagnostic.Span}");
                Assert.Equal(misspelt, diagnostic.Arguments[0]);
                var suggested = Regex.Match(diagnostic.Arguments[1], "did you mean '([^']+)'").Groups[1].Value;
                Assert.True(suggested == name || Distance(suggested, misspelt) <= 1, where + $": suggested '{suggested}'");
                mutants++;
            }
        }

        Assert.True(mutants > 90, $"only {mutants} mutants");
    }

    [Fact]
    public void The_known_list_the_docs_and_the_code_name_the_same_extensions()
    {
        var known = UnknownExtensions.Known.Order(StringComparer.Ordinal).ToList();
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "spec-extensions.md"));
        Assert.Equal(known, Named().Matches(docs).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList());

        var read = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Qiwi.Generator"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => QuotedName().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(known, read);
    }

    private static IReadOnlyList<Qiwi.Generator.Diagnostics.DiagnosticInfo> Read(string text)
        => SpecReader.Read(new SpecFile(GeneratorHarness.SpecPath, text, new SpecOptions(null, null, null, "Demo"))).Diagnostics.AsArray();

    /// <summary>One edit of the part after "x-qiwi-": a letter inserted, deleted or replaced.</summary>
    private static string OneEdit(string name, Random random)
    {
        const int tail = 7; // "x-qiwi-".Length
        var at = random.Next(tail, name.Length);
        var letter = (char)random.Next('a', 'z' + 1);
        return random.Next(3) switch
        {
            0 => name.Insert(at, letter.ToString()),
            1 when name.Length > tail + 1 => name.Remove(at, 1),
            _ => name.Substring(0, at) + (name[at] == letter ? (char)(letter == 'z' ? 'a' : letter + 1) : letter) + name.Substring(at + 1),
        };
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^\s*(x-qiwi-[a-z-]+):", RegexOptions.Multiline)]
    private static partial Regex ExtensionKey();

    /// <summary>An extension's section in docs/spec-extensions.md.</summary>
    [GeneratedRegex(@"^## `(x-qiwi-[a-z]+(?:-[a-z]+)*)`", RegexOptions.Multiline)]
    private static partial Regex Named();

    [GeneratedRegex("\"(x-qiwi-[a-z]+(?:-[a-z]+)*)\"")]
    private static partial Regex QuotedName();
}
