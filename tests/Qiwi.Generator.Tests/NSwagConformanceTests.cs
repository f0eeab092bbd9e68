using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The spec stays readable by NSwag, the generator users would pick instead: the npm `nswag` CLI
/// (tools/nswag) generates a client from it, and that client compiles.
/// </summary>
public sealed class NSwagConformanceTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    [Fact]
    public void NSwag_generates_a_client_from_the_spec_that_compiles()
    {
        var tool = Path.Combine(RepositoryPaths.Root, "tools", "nswag");
        var nswag = Path.Combine(tool, "node_modules", ".bin", "nswag");
        if (!File.Exists(nswag))
        {
            var (installed, log) = Shell.Run(tool, "npm ci --no-audit --no-fund --loglevel=error", Slow);
            Assert.True(installed == 0, "npm ci in tools/nswag failed:\n" + log);
        }

        var output = Path.Combine(Path.GetTempPath(), "qiwi-nswag-" + Guid.NewGuid().ToString("N")[..8] + ".cs");
        try
        {
            var (exitCode, log) = Shell.Run(tool, $"'{nswag}' openapi2csclient /input:'{RepositoryPaths.Spec}' /output:'{output}' /namespace:NSwagQiwi /className:QiwiNSwagClient /jsonLibrary:SystemTextJson /runtime:Net100", Slow);
            Assert.True(exitCode == 0 && File.Exists(output), "NSwag could not read the spec:\n" + log);

            var code = File.ReadAllText(output);
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
        finally
        {
            File.Delete(output);
        }
    }
}
