using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qiwi.Generator.Input;
using Qiwi.Generator.Tests.Infrastructure;
using Qiwi.Generator.Tests.RedTeam;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The namespace claim (the top-level types a spec generates, which the project and the other specs may not declare) is
/// taken from the parser's name registry, not from the generated files: held here to the reference, the top-level types
/// the generated syntax trees declare. A generated-but-unclaimed name (a project type of that name would be CS0101 in a
/// generated file) and a claimed-but-not-generated one (a project type that clashes with nothing refused) both fail.
/// </summary>
public sealed class NamespaceClaimDifferentialTests
{
    private const int Cases = 200;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_real_specs_claim_is_the_set_of_types_it_generates(bool dependencyInjection)
    {
        var (claim, generated, errors) = Run(GeneratorHarness.RealSpec, dependencyInjection);
        Assert.Empty(errors);
        Assert.Equal(generated, claim);
        // The names with no file of their own are there, and a reserved-only name is not (the real spec has redirects, so the builders are claimed).
        Assert.Contains("BillStatusExtensions", claim);
        Assert.Contains("QiwiPullRedirects", claim);
        Assert.Equal(dependencyInjection, claim.Contains("QiwiPullServiceCollectionExtensions"));
    }

    /// <summary>
    /// The seeded specs of the red team (<see cref="GeneratedNameClashTests.Specs"/>: derived names in every slot), without
    /// their project types (which would refuse the spec, so nothing generated), and a spec with no operation, redirect or
    /// pattern (whose client types are reserved but not generated): on a spec without a QIWI error the claim is exactly
    /// what is generated; with one, the claim may also hold a name whose part the error dropped (the build fails on the
    /// error anyway), but never misses a generated one.
    /// </summary>
    [Fact]
    public void A_seeded_specs_claim_is_the_set_of_types_it_generates()
    {
        var gen = GeneratedNameClashTests.Specs().Select(Gen.Bool, (spec, di) => (Text: new ClashSpec(spec.Names, Array.Empty<string>()).Text, DependencyInjection: di));
        var pcg = new PCG(1126, 4);
        var failures = new List<string>();
        var exact = 0;
        var cases = Enumerable.Range(0, Cases).Select(_ => gen.Generate(pcg, null, out Size _)).Concat(Bare()).ToList();
        foreach (var (text, dependencyInjection) in cases)
        {
            var (claim, generated, errors) = Run(text, dependencyInjection);
            var unclaimed = generated.Except(claim).ToList();
            var extra = claim.Except(generated).ToList();
            if (unclaimed.Count > 0 || (errors.Count == 0 && extra.Count > 0))
            {
                failures.Add("generated, not claimed: [" + string.Join(", ", unclaimed) + "]; claimed, not generated: [" + string.Join(", ", extra) + "]; errors: "
                    + string.Join(", ", errors) + "\n" + text);
            }

            exact += errors.Count == 0 ? 1 : 0;
        }

        Assert.True(failures.Count == 0, failures.Count + " of " + cases.Count + " specs:\n" + string.Join("\n\n", failures.Take(3)));
        // Most specs compare exactly (a spec with an error is only held to the weaker promise).
        Assert.True(exact >= cases.Count / 5, $"only {exact} of {cases.Count} specs had no error");
    }

    /// <summary>
    /// The project may declare a name the spec only reserves: the client's types of a spec without operations, the
    /// redirect builders without redirects, the path checks without a checked path parameter, the pattern table without
    /// a pattern, and the dependency injection extensions without a reference to the package. (The claim from the
    /// generated files refused the path checks and the DI extensions.)
    /// </summary>
    [Theory]
    [InlineData(0, "BareRedirects", "BarePatterns", "BarePathChecks", "BareClient", "IBareClient", "BareClientOptions", "BareResultCodes", "BareServiceCollectionExtensions")]
    [InlineData(2, "BarePatterns", "BarePathChecks", "BareClient", "IBareClient", "BareClientOptions", "BareResultCodes", "BareServiceCollectionExtensions")]
    [InlineData(-1, "QiwiPullServiceCollectionExtensions")]
    public void A_project_type_named_like_a_reserved_only_name_is_admitted(int spec, params string[] projectTypes)
    {
        var text = spec < 0 ? GeneratorHarness.RealSpec : Bare().ElementAt(spec).Text;
        var project = "namespace Demo;\n/// <summary>The consumer.</summary>\npublic static class Program\n{\n    /// <summary>Runs.</summary>\n    public static void Main() { }\n}\n"
            + string.Concat(projectTypes.Select(name => "/// <summary>The project's own.</summary>\npublic sealed class " + name + " { }\n"));
        var harness = new GeneratorHarness(new[] { new TestAdditionalText(GeneratorHarness.SpecPath, text) },
            syntaxTrees: new[] { CSharpSyntaxTree.ParseText(project, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose)) }, documentationMode: DocumentationMode.Diagnose);
        var result = harness.Run();
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedSources);
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>Specs that generate few of the client's types: schemas only; one operation without an envelope (QIWI0004, so only the weaker promise); redirects only.</summary>
    private static IEnumerable<(string Text, bool DependencyInjection)> Bare()
    {
        const string head = "openapi: 3.0.3\ninfo:\n  title: Bare\n  version: '1'\n";
        const string schemas = "components:\n  schemas:\n    Item:\n      type: object\n      properties:\n        name:\n          type: string\n";
        const string operation = "paths:\n  /items:\n    get:\n      operationId: getItem\n      responses:\n        '200':\n          description: The item.\n";
        const string redirect = "paths:\n  /back:\n    servers:\n      - url: https://shop.example\n    get:\n      operationId: back\n      x-qiwi-redirect:\n        kind: inbound\n"
            + "      parameters:\n        - name: order\n          in: query\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: A page.\n";
        foreach (var di in new[] { false, true })
        {
            yield return (head + schemas, di);
            yield return (head + operation + schemas, di);
            yield return (head + redirect + schemas, di);
        }
    }

    /// <summary>The spec's claim (the tracked claims step), the top-level types of the generated files, and the generator's errors.</summary>
    private static (SortedSet<string> Claim, SortedSet<string> Generated, List<string> Errors) Run(string text, bool dependencyInjection)
    {
        var harness = GeneratorHarness.ForSpec(text);
        if (dependencyInjection)
        {
            var di = CSharpCompilation.Create("Qiwi.Extensions.DependencyInjection", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).ToMetadataReference();
            harness.ReplaceCompilation(harness.Compilation.AddReferences(di));
        }

        var result = harness.Run();
        Assert.Null(result.Exception);
        var claims = result.TrackedSteps[TrackingNames.Claims].SelectMany(step => step.Outputs).Select(output => (NamespaceClaim)output.Value).ToList();
        var claim = Assert.Single(claims);
        var generated = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in result.GeneratedSources)
        {
            foreach (var node in source.SyntaxTree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && node.Parent is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                {
                    Assert.Equal(claim.Namespace, ((BaseNamespaceDeclarationSyntax)node.Parent!).Name.ToString());
                    generated.Add(node switch
                    {
                        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                        _ => ((DelegateDeclarationSyntax)node).Identifier.ValueText,
                    });
                }
            }
        }

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();
        return (new SortedSet<string>(claim.TypeNames, StringComparer.Ordinal), generated, errors);
    }
}
