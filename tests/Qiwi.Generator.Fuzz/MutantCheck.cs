using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Fuzz;

/// <summary>The outcome of one mutant: null <see cref="Failure"/> when every invariant held.</summary>
/// <param name="Milliseconds">The generator's run (parse and emit) on the mutant, without the compile check of its output.</param>
public sealed record CheckResult(int Seed, MutationKind Kind, double Milliseconds, string? Failure, string? Detail, int Diagnostics, bool Generated);

/// <summary>
/// Runs the generator on one spec text through <see cref="CSharpGeneratorDriver"/> and checks issue 10's
/// invariants: no exception escapes, no QIWI9999, every diagnostic is at a real place in the spec, and
/// when no error is reported the generated code compiles with zero warnings (nullable on, XML docs checked).
/// </summary>
public static class MutantCheck
{
    public const string SpecPath = "/fuzz/qiwi-pull.yaml";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>What generated code compiles against: the framework's System assemblies and Qiwi.Runtime (the generator tests use it too).</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CheckResult Check(Mutant mutant)
    {
        var watch = new Stopwatch();
        string? failure = null;
        string? detail = null;
        var count = 0;
        var generated = false;
        try
        {
            (failure, detail, count, generated) = Run(mutant.Text, watch);
        }
        catch (Exception exception)
        {
            (failure, detail) = ("exception", exception.GetType().Name + ": " + exception.Message);
        }

        return new CheckResult(mutant.Seed, mutant.Kind, watch.Elapsed.TotalMilliseconds, failure, detail, count, generated);
    }

    private static (string? Failure, string? Detail, int Count, bool Generated) Run(string text, Stopwatch watch)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Demo;\n/// <summary>The consumer.</summary>\npublic static class Program\n{\n    /// <summary>Runs.</summary>\n    public static void Main() { }\n}", ParseOptions) },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new QiwiGenerator().AsSourceGenerator() },
            new[] { (AdditionalText)new SpecText(SpecPath, text) },
            ParseOptions,
            new Options());
        watch.Start();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        watch.Stop();
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            return ("exception", result.Exception.GetType().Name + ": " + result.Exception.Message, 0, false);
        }

        var lineCount = SourceText.From(text).Lines.Count;
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Id == "QIWI9999")
            {
                return ("internal-error", diagnostic.GetMessage(), result.Diagnostics.Length, false);
            }

            var span = diagnostic.Location.GetLineSpan();
            if (!diagnostic.Id.StartsWith("QIWI", StringComparison.Ordinal) || span.Path != SpecPath
                || span.StartLinePosition.Line < 0 || span.StartLinePosition.Line >= lineCount
                || diagnostic.Location.SourceSpan.Start < 0 || diagnostic.Location.SourceSpan.End > text.Length)
            {
                return ("bad-location", diagnostic.Id + " at " + span + ": " + diagnostic.GetMessage(), result.Diagnostics.Length, false);
            }
        }

        var generated = result.GeneratedSources.Length > 0;
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return (null, null, result.Diagnostics.Length, generated);
        }

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0)
        {
            return ("compile", problems.Count + " compiler diagnostics without a QIWI error, first: " + problems[0], 0, generated);
        }

        return (null, null, 0, generated);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(global::Qiwi.Runtime.QiwiPipeline).Assembly.Location));
        return references.ToImmutableArray();
    }

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => new Values(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Demo" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(new Dictionary<string, string>());

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                var found = values.TryGetValue(key, out var text);
                value = text ?? string.Empty;
                return found;
            }
        }
    }
}
