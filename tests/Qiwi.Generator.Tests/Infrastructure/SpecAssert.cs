using Microsoft.CodeAnalysis;
using Qiwi.Generator.Fuzz;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>The generator's promise checked on one spec text: clean code, or one QIWI diagnostic at a given place.</summary>
internal static class SpecAssert
{
    /// <summary>No diagnostic, and the generated code compiles with zero warnings (nullable, XML docs checked).</summary>
    public static void Clean(string spec)
    {
        var result = MutantCheck.Check(new Mutant(0, MutationKind.Several, spec));
        Assert.True(result.Failure is null, result.Failure + ": " + result.Detail);
        Assert.Equal(0, result.Diagnostics);
        Assert.True(result.Generated);
    }

    /// <summary>Exactly one diagnostic <paramref name="id"/>, no exception and no QIWI9999.</summary>
    public static Diagnostic Single(string spec, string id)
    {
        var result = GeneratorHarness.ForSpec(spec).Run();
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "QIWI9999");
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", result.Diagnostics)}");
        return matching[0];
    }

    /// <summary>One <paramref name="id"/>, on the (first or last) line holding <paramref name="lineMarker"/>, at the column of <paramref name="columnMarker"/>.</summary>
    public static Diagnostic At(string spec, string id, string lineMarker, string columnMarker, bool last = false)
    {
        var diagnostic = Single(spec, id);
        var lines = spec.Replace("\r\n", "\n").Split('\n');
        var line = last ? Array.FindLastIndex(lines, l => l.Contains(lineMarker, StringComparison.Ordinal)) : Array.FindIndex(lines, l => l.Contains(lineMarker, StringComparison.Ordinal));
        Assert.True(line >= 0, $"'{lineMarker}' is not in the spec");
        var column = lines[line].IndexOf(columnMarker, StringComparison.Ordinal);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.SpecPath, span.Path);
        Assert.True((line, column) == (span.StartLinePosition.Line, span.StartLinePosition.Character), $"{id} at {span.StartLinePosition}, expected ({line},{column}): {diagnostic.GetMessage()}");
        return diagnostic;
    }
}
