using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// A generated type named like a public type of the runtime's namespace (the client name <c>Qiwi</c> makes
/// <c>QiwiClientOptions</c>): the generated code compiles (it names the runtime with <c>global::</c>), but a program that
/// imports both namespaces, as the samples do, cannot name either (CS0104). QIWI0021 at the name, nothing generated.
/// </summary>
public sealed class RuntimeNameClashTests
{
    private static string Named(string client) => GeneratorHarness.RealSpec.Replace("  name: QiwiPull\n", "  name: " + client + "\n", StringComparison.Ordinal);

    [Fact]
    public void The_real_spec_names_its_client_in_x_qiwi_client()
        => Assert.Contains("x-qiwi-client:\n  name: QiwiPull\n", GeneratorHarness.RealSpec.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

    [Fact]
    public void The_client_name_Qiwi_is_refused_at_the_name()
    {
        var spec = Named("Qiwi # the client");
        var diagnostic = SpecAssert.At(spec, "QIWI0021", "name: Qiwi # the client", "Qiwi");
        Assert.Contains("Qiwi.Runtime.QiwiClientOptions", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.ForSpec(spec).Run().GeneratedSources);
    }

    [Fact]
    public void The_client_name_Qiwi_from_the_option_is_refused_at_the_spec()
    {
        var result = GeneratorHarness.ForSpec(GeneratorHarness.RealSpec, new Dictionary<string, string> { ["QiwiClientName"] = "Qiwi" }).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI0021", diagnostic.Id);
        Assert.Equal(GeneratorHarness.SpecPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>A schema named like a runtime type, the same: at the schema's key.</summary>
    [Fact]
    public void A_schema_named_like_a_runtime_type_is_refused_at_its_key()
    {
        var spec = GeneratorHarness.RealSpec.Replace("    PaySource:", "    QiwiPipeline:", StringComparison.Ordinal).Replace("/PaySource'", "/QiwiPipeline'", StringComparison.Ordinal);
        Assert.NotEqual(GeneratorHarness.RealSpec, spec);
        SpecAssert.At(spec, "QIWI0021", "    QiwiPipeline:", "QiwiPipeline");
    }

    /// <summary>Why: with the client name Qiwi and no refusal, a program importing both namespaces fails on CS0104 (the generated code itself compiles).</summary>
    [Fact]
    public void A_program_importing_both_namespaces_could_not_name_the_options()
    {
        var program = CSharpSyntaxTree.ParseText("using Qiwi.Runtime;\nusing Demo;\nnamespace App;\npublic static class Program { public static object Make() => new QiwiClientOptions(); }");
        var generated = Qiwi.Generator.Emit.SourceEmitter.EmitAll(Qiwi.Generator.Parsing.SpecReader.Read(new Qiwi.Generator.Input.SpecFile(GeneratorHarness.SpecPath, Named("Qiwi"),
            new Qiwi.Generator.Input.SpecOptions(null, null, null, "Demo"))).Model!).Select(s => CSharpSyntaxTree.ParseText(s.Text));
        var compilation = CSharpCompilation.Create("App", generated.Append(program), GeneratorHarness.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal("CS0104", Assert.Single(errors).Id);
    }
}
