using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Tests.Infrastructure;
using Qiwi.Testing;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The spec stays readable by NSwag, the generator users would pick instead: NSwag in process
/// (NSwag.CodeGeneration.CSharp with NSwag.Core.Yaml, no npm) generates a client from it, and that client compiles.
/// </summary>
public sealed class NSwagConformanceTests
{
    [Fact]
    public async Task NSwag_generates_a_client_from_the_spec_that_compiles()
    {
        var code = await NSwagClientSource.GenerateAsync(File.ReadAllText(RepositoryPaths.Spec), RepositoryPaths.Spec, "NSwagQiwi", "QiwiNSwagClient");

        Assert.Contains("class QiwiNSwagClient", code, StringComparison.Ordinal);
        Assert.Contains("CreateBillAsync", code, StringComparison.Ordinal);
        Assert.Contains("GetRefundStatusAsync", code, StringComparison.Ordinal);

        var compilation = CSharpCompilation.Create(
            "NSwagClient",
            new[] { CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)) },
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "NSwag's client does not compile:\n" + string.Join("\n", errors.Take(20)));
    }
}
