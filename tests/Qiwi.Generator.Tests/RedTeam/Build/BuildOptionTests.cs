using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam.Build;

/// <summary>
/// What the build hands the generator, through the driver (cheap): the project's RootNamespace as the SDK makes it
/// from a file name, the QiwiSpec flag, a file the host could not read, several specs in one project, and the
/// project's C# version. Each case either generates code that compiles or is one QIWI diagnostic at the right file.
/// </summary>
public sealed class BuildOptionTests
{
    private const string First = "/project/qiwi-pull.yaml";
    private const string Second = "/project/specs/qiwi-second.yaml";

    [Theory]
    [InlineData("my-app", "my_app")]
    [InlineData("1App", "_1App")]
    [InlineData("class", "_class")]
    [InlineData("My App.2nd..x", "My_App._2nd._.x")]
    [InlineData(" Shop.Payments ", "Shop.Payments")]
    [InlineData("Магазин-2", "Магазин_2")]
    public void A_RootNamespace_that_is_no_CSharp_namespace_is_made_one_without_a_diagnostic(string rootNamespace, string expected)
    {
        var harness = GeneratorHarness.ForSpec(MiniSpec.Text, rootNamespace: rootNamespace);
        var result = harness.Run();
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == expected + ".MiniClient.g.cs");
        AssertCompiles(harness);
    }

    [Fact]
    public void A_QiwiNamespace_the_user_wrote_is_still_checked_as_written()
        => Assert.Equal("QIWI0011", Assert.Single(GeneratorHarness.ForSpec(MiniSpec.Text, new Dictionary<string, string> { ["QiwiNamespace"] = "my-app" }).Run().Diagnostics).Id);

    [Theory]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("treu")]
    public void A_QiwiSpec_neither_true_nor_false_is_QIWI0011_at_the_file_not_silence(string flag)
    {
        var result = GeneratorHarness.ForSpec(MiniSpec.Text, new Dictionary<string, string> { ["QiwiSpec"] = flag }).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0011", GeneratorHarness.SpecPath), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("QiwiSpec = '" + flag + "'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("False", false)]
    public void QiwiSpec_true_and_false_in_any_case_turn_a_file_on_and_off(string flag, bool generates)
    {
        var result = GeneratorHarness.ForSpec(MiniSpec.Text, new Dictionary<string, string> { ["QiwiSpec"] = flag }).Run();
        Assert.Empty(result.Diagnostics);
        Assert.Equal(generates, result.GeneratedSources.Length > 0);
    }

    [Fact]
    public void A_file_the_host_has_no_text_for_is_could_not_be_read_not_empty()
    {
        var result = new GeneratorHarness(new AdditionalText[] { new Unreadable(First) }).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0001", First), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("could not be read", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_specs_in_one_namespace_are_QIWI0011_at_the_second_not_a_crashed_generator()
    {
        var harness = Two(new Dictionary<string, string> { ["QiwiClientName"] = "Other" });
        var result = harness.Run();
        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0011", Second), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("the spec " + First + " generates into this namespace too", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.MiniClient.g.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Other", StringComparison.Ordinal));
        AssertCompiles(harness);
    }

    [Fact]
    public void Two_specs_in_their_own_namespaces_both_generate_and_compile()
    {
        var harness = Two(new Dictionary<string, string> { ["QiwiNamespace"] = "Demo.Second" });
        var result = harness.Run();
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Second.MiniClient.g.cs");
        AssertCompiles(harness);
    }

    [Fact]
    public void A_spec_whose_namespace_is_a_type_of_another_spec_is_a_QIWI_error_not_a_crashed_generator()
    {
        // Demo.Item.Serialization.g.cs: the serialization of the first spec's type Item, and the second spec's type
        // Serialization in its namespace Demo.Item.
        var second = MiniSpec.Text + "\n    Serialization:\n      type: object\n      properties:\n        a:\n          type: string\n";
        var result = Two(new Dictionary<string, string> { ["QiwiNamespace"] = "Demo.Item" }, second).Run();
        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0011", Second), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("generates the type Demo.Item, and a namespace cannot have a type's name", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp10)]
    public void A_CSharp_version_older_than_11_is_one_QIWI0018_not_a_compile_error_per_member(LanguageVersion version)
    {
        var harness = new GeneratorHarness(new[] { new TestAdditionalText(First, MiniSpec.Text) }, languageVersion: version);
        var result = harness.Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0018", First), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("C# " + version.ToDisplayString() + ";", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void CSharp_11_is_enough()
    {
        var harness = new GeneratorHarness(new[] { new TestAdditionalText(First, MiniSpec.Text) }, languageVersion: LanguageVersion.CSharp11);
        Assert.Empty(harness.Run().Diagnostics);
        AssertCompiles(harness);
    }

    [Theory]
    [InlineData("namespace Demo { public sealed class Item { } }", "Demo.Item")]
    [InlineData("namespace Demo;\ninternal enum Code { A }", "Demo.Code")]
    [InlineData("namespace Outer { namespace Demo { } }\nnamespace Demo.Inner { }\nnamespace Demo { public delegate void MiniClient(); }", "Demo.MiniClient")]
    public void A_type_of_the_project_that_the_spec_generates_too_is_QIWI0011_naming_it_not_CS0101(string source, string type)
    {
        var result = WithSource(source).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0011", First), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("the project declares the type " + type + ", which this spec generates too", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("public class Demo { }", "Demo")]
    [InlineData("namespace Demo { } namespace Demo.Inner { } namespace Demo { internal static class Payments { } }\nnamespace Demo.Payments2 { }", null)]
    public void A_project_type_named_like_the_specs_namespace_is_QIWI0011_naming_it(string source, string? type)
    {
        var harness = new GeneratorHarness(
            new[] { new TestAdditionalText(First, MiniSpec.Text) },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [First] = new Dictionary<string, string> { ["QiwiNamespace"] = "Demo.Payments" } },
            syntaxTrees: new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) });
        var diagnostic = Assert.Single(harness.Run().Diagnostics);
        Assert.Equal(("QIWI0011", First), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("the project declares the type " + (type ?? "Demo.Payments") + ", and a namespace cannot have a type's name", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("namespace Demo { public sealed partial record Item { public string Extra => \"x\"; } }")]
    [InlineData("namespace Demo { public class Item<T> { } file class Code { } }")]
    [InlineData("namespace Other { public class Item { } }\npublic class Code { }\nnamespace Demo { public class Outer { public class Item { } } }")]
    public void A_partial_generic_file_local_nested_or_elsewhere_type_of_the_same_name_is_no_clash(string source)
    {
        var harness = WithSource(source);
        Assert.Empty(harness.Run().Diagnostics);
        AssertCompiles(harness);
    }

    [Fact]
    public void A_clashing_type_added_then_renamed_refuses_the_spec_then_brings_its_code_back()
    {
        var harness = WithSource("namespace Demo { public class Program { } }");
        Assert.NotEmpty(harness.Run().GeneratedSources);

        Edit(harness, "namespace Demo { public class Program { } public class Item { } }");
        var clashing = harness.Run();
        Assert.Equal("QIWI0011", Assert.Single(clashing.Diagnostics).Id);
        Assert.Empty(clashing.GeneratedSources);

        Edit(harness, "namespace Demo { public class Program { } public class OwnItem { } }");
        var renamed = harness.Run();
        Assert.Empty(renamed.Diagnostics);
        Assert.Contains(renamed.GeneratedSources, s => s.HintName == "Demo.Item.g.cs");
        AssertCompiles(harness);

        // An edit inside a member changes no type name: the admission is not even compared again.
        Edit(harness, "namespace Demo { public class Program { int X => 1; } public class OwnItem { } }");
        var body = harness.Run();
        Assert.All(body.TrackedSteps["QiwiAdmissions"].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static void Edit(GeneratorHarness harness, string source)
        => harness.ReplaceCompilation(harness.Compilation.ReplaceSyntaxTree(harness.Compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText(source, harness.ParseOptions)));

    [Fact]
    public void An_MSBuild_build_without_the_props_is_warned_that_the_metadata_are_unseen_and_still_generates()
    {
        var result = Build(new Dictionary<string, string> { ["ProjectDir"] = "/project/" }).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("QIWI0019", DiagnosticSeverity.Warning, First), (diagnostic.Id, diagnostic.Severity, diagnostic.Location.GetLineSpan().Path));
        Assert.Contains("Qiwi.Generator.props is not imported", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.NotEmpty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("true")]
    [InlineData(" True ")]
    public void An_MSBuild_build_with_the_props_is_not_warned(string marker)
        => Assert.Empty(Build(new Dictionary<string, string> { ["ProjectDir"] = "/project/", ["QiwiGeneratorProps"] = marker }).Run().Diagnostics);

    private static GeneratorHarness Build(IReadOnlyDictionary<string, string> properties)
        => new(new[] { new TestAdditionalText(First, MiniSpec.Text) }, buildProperties: properties);

    private static GeneratorHarness WithSource(string source)
        => new(new[] { new TestAdditionalText(First, MiniSpec.Text) }, syntaxTrees: new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) });

    private static GeneratorHarness Two(IReadOnlyDictionary<string, string> secondMetadata, string second = MiniSpec.Text)
        => new(
            new[] { new TestAdditionalText(Second, second), new TestAdditionalText(First, MiniSpec.Text) },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [Second] = secondMetadata });

    private static void AssertCompiles(GeneratorHarness harness)
        => Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

    private sealed class Unreadable(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
