using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>The generated code compiles cleanly: no warnings with nullable on, at the highest warning level.</summary>
public sealed class CompilationTests
{
    [Fact]
    public void Generated_code_for_the_spec_has_no_warnings()
    {
        var harness = GeneratorHarness.ForSpec(GeneratorHarness.RealSpec);
        harness.Run();
        var compilation = harness.Output!.WithOptions(harness.Output.Options
            .WithWarningLevel(9999)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithNullableContextOptions(NullableContextOptions.Enable));

        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.True(compilation.SyntaxTrees.Count() >= 40);
    }
}
