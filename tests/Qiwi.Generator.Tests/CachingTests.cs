using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>Unrelated edits re-run nothing; a spec edit re-runs only what depends on it; only equatable values flow.</summary>
public sealed class CachingTests
{
    private static readonly string[] Steps = { "QiwiSpecFiles", "QiwiParse", "QiwiModels", "QiwiDiagnostics", "QiwiReferences", "QiwiClaims", "QiwiOutsideNames", "QiwiAdmissions", "QiwiOutputGroups", "QiwiOutputs" };

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_step_cached()
    {
        var (harness, _, _) = Warm();
        var tree = harness.Compilation.SyntaxTrees.First();
        harness.ReplaceCompilation(harness.Compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("namespace Demo; public static class Program { public static void Main() { System.Console.WriteLine(1); } }", harness.ParseOptions)));

        var result = harness.Run();

        AssertAllReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputsCached(result);
    }

    [Fact]
    public void An_unrelated_additional_file_change_leaves_every_step_cached()
    {
        var (harness, _, notes) = Warm();
        harness.ReplaceAdditionalText(notes, new TestAdditionalText(notes.Path, "edited notes"));
        harness.AddAdditionalText(new TestAdditionalText("/project/other.yaml", "openapi: 3.0.3"));

        var result = harness.Run();

        AssertAllReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputsCached(result);
    }

    [Fact]
    public void A_comment_only_spec_edit_reparses_but_emits_nothing_new()
    {
        var (harness, spec, _) = Warm();
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec + "\n# a comment\n"));

        var result = harness.Run();

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, "QiwiSpecFiles"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(result, "QiwiParse"));
        Assert.All(new[] { "QiwiModels", "QiwiDiagnostics" }, step => Assert.Equal(IncrementalStepRunReason.Cached, Reason(result, step)));
        AssertOutputsCached(result);
    }

    [Fact]
    public void A_real_spec_edit_reruns_the_model_and_the_output()
    {
        var (harness, spec, _) = Warm();
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec.Replace("description: Invoice has been paid.", "description: Invoice has been paid in full.", StringComparison.Ordinal)));

        var result = harness.Run();

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, "QiwiParse"));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(result, "QiwiModels"));
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("Invoice has been paid in full.", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_values_hold_no_roslyn_objects()
    {
        var (harness, _, _) = Warm();
        var result = harness.Driver.GetRunResult().Results.Single();
        var checkedValues = 0;
        foreach (var step in Steps)
        {
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (value, _) in run.Outputs)
                {
                    AssertEquatableGraph(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    checkedValues++;
                }
            }
        }

        Assert.True(checkedValues >= Steps.Length);
    }

    [Fact]
    public void Two_runs_hold_no_compilation_symbol_or_syntax_node_in_any_tracked_step()
    {
        var (harness, spec, _) = Warm();
        var first = harness.Driver.GetRunResult().Results.Single();
        harness.ReplaceAdditionalText(spec, new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec.Replace("description: Invoice has been paid.", "description: Paid.", StringComparison.Ordinal)));
        var tree = harness.Compilation.SyntaxTrees.First();
        harness.ReplaceCompilation(harness.Compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("namespace Demo; public static class Program { public static void Main() { } static int X => 1; }", harness.ParseOptions)));
        var second = harness.Run();

        // Roslyn's own input steps (Compilation, AdditionalTexts, ...) hold those objects by design; every other
        // step, the generator's own and its source outputs, must not (as NetEscapades' TestHelpers check).
        var inputs = typeof(WellKnownGeneratorInputs).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        var walked = 0;
        foreach (var run in new[] { first, second })
        {
            foreach (var (step, runs) in run.TrackedSteps.Concat(run.TrackedOutputSteps).Where(s => !inputs.Contains(s.Key)))
            {
                foreach (var value in runs.SelectMany(r => r.Outputs).Select(o => o.Value))
                {
                    AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    walked++;
                }
            }
        }

        Assert.True(walked >= 2 * Steps.Length, $"Only {walked} step outputs were walked.");
    }

    [Fact]
    public void Generating_twice_from_the_same_spec_gives_identical_output()
    {
        foreach (var text in new[] { GeneratorHarness.RealSpec, GeneratorHarness.RealSpec.Replace("operationId: getBillStatus", "operationId: createBill", StringComparison.Ordinal) })
        {
            var first = GeneratorHarness.ForSpec(text).Run();
            var second = GeneratorHarness.ForSpec(text).Run();

            Assert.Equal(first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())), second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
            Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        }
    }

    /// <summary>Fails on a Compilation, ISymbol, SyntaxNode or SyntaxTree anywhere in the value's graph (properties and fields).</summary>
    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree, $"{path} holds a {value.GetType().FullName}.");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, path + "[]", seen);
            }

            return;
        }

        var type = value.GetType();
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), path + "." + field.Name, seen);
        }
    }

    private static (GeneratorHarness Harness, AdditionalText Spec, AdditionalText Notes) Warm()
    {
        var spec = new TestAdditionalText(GeneratorHarness.SpecPath, GeneratorHarness.RealSpec);
        var notes = new TestAdditionalText("/project/notes.txt", "notes");
        var harness = new GeneratorHarness(new AdditionalText[] { spec, notes });
        var first = harness.Run();
        Assert.Empty(first.Diagnostics);
        Assert.NotEmpty(first.GeneratedSources);
        return (harness, spec, notes);
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult result, string step)
        => Assert.Single(Assert.Single(result.TrackedSteps[step]).Outputs).Reason;

    private static void AssertAllReasons(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (var step in Steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"The step {step} did not run.");
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    Assert.True(allowed.Contains(reason), $"{step} was {reason}.");
                }
            }
        }
    }

    private static void AssertOutputsCached(GeneratorRunResult result)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static void AssertEquatableGraph(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        Assert.False(
            type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true || type.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) == true,
            $"{path} holds a {type.FullName}.");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertEquatableGraph(item, path + "[]", seen);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                AssertEquatableGraph(property.GetValue(value), path + "." + property.Name, seen);
            }
        }
    }
}
