using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="QiwiGenerator"/> through <see cref="CSharpGeneratorDriver"/> with step tracking on.</summary>
internal sealed class GeneratorHarness
{
    public const string SpecPath = "/project/qiwi-pull.yaml";


    public GeneratorHarness(
        IEnumerable<AdditionalText> additionalTexts,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? metadata = null,
        string rootNamespace = "Demo",
        IEnumerable<SyntaxTree>? syntaxTrees = null,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        IReadOnlyDictionary<string, string>? buildProperties = null,
        DocumentationMode documentationMode = DocumentationMode.Parse)
    {
        ParseOptions = new CSharpParseOptions(languageVersion, documentationMode);
        Compilation = Consumer(ParseOptions, syntaxTrees);
        var options = new TestOptionsProvider(
            new Dictionary<string, string>((buildProperties ?? new Dictionary<string, string>()).Select(p => KeyValuePair.Create("build_property." + p.Key, p.Value)))
            {
                ["build_property.RootNamespace"] = rootNamespace,
            },
            metadata ?? new Dictionary<string, IReadOnlyDictionary<string, string>>());
        Driver = CSharpGeneratorDriver.Create(
            new[] { new QiwiGenerator().AsSourceGenerator() },
            additionalTexts,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>The consumer project the harness runs the generator in: <paramref name="syntaxTrees"/>, or one empty program in namespace Demo.</summary>
    public static CSharpCompilation Consumer(CSharpParseOptions parseOptions, IEnumerable<SyntaxTree>? syntaxTrees = null)
        => CSharpCompilation.Create(
            "Consumer",
            syntaxTrees ?? new[] { CSharpSyntaxTree.ParseText("namespace Demo; public static class Program { public static void Main() { } }", parseOptions) },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The framework, System.Text.Json and Qiwi.Runtime: what a consumer compiles against.</summary>
    public static ImmutableArray<MetadataReference> References => Qiwi.Generator.Fuzz.MutantCheck.References;

    public CSharpParseOptions ParseOptions { get; }

    public CSharpCompilation Compilation { get; private set; }

    public GeneratorDriver Driver { get; private set; }

    public static GeneratorHarness ForSpec(string specText, IReadOnlyDictionary<string, string>? metadata = null, string rootNamespace = "Demo")
        => new(
            new[] { new TestAdditionalText(SpecPath, specText) },
            metadata is null ? null : new Dictionary<string, IReadOnlyDictionary<string, string>> { [SpecPath] = metadata },
            rootNamespace);

    public static string RealSpec => File.ReadAllText(RepositoryPaths.Spec);

    public GeneratorRunResult Run()
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out _);
        Output = (CSharpCompilation)output;
        return Driver.GetRunResult().Results.Single();
    }

    /// <summary>The consumer's compilation with the generated sources, after <see cref="Run"/>.</summary>
    public CSharpCompilation? Output { get; private set; }

    public void ReplaceCompilation(CSharpCompilation compilation) => Compilation = compilation;

    public void ReplaceAdditionalText(AdditionalText oldText, AdditionalText newText) => Driver = Driver.ReplaceAdditionalText(oldText, newText);

    public void AddAdditionalText(AdditionalText text) => Driver = Driver.AddAdditionalTexts(ImmutableArray.Create(text));

    public void RemoveAdditionalText(AdditionalText text) => Driver = Driver.RemoveAdditionalTexts(ImmutableArray.Create(text));
}
