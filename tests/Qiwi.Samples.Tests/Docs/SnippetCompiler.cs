using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Qiwi.Generator;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// Compiles a <see cref="DocSnippet"/> as a newcomer's project named Shop would: its template
/// (Docs/Templates/&lt;name&gt;.cs, the line <c>//&lt;snippet&gt;</c> replaced by the snippet), the code the generator
/// makes from the real spec/qiwi-pull.yaml into the root namespace Shop (with the DI file, as Qiwi.Extensions.DependencyInjection
/// is referenced), against the framework, ASP.NET Core and the toolkit's libraries. Warnings count as errors, as in
/// this repository's projects.
/// </summary>
internal static class SnippetCompiler
{
    private const string Placeholder = "//<snippet>";

    /// <summary>Where a template that wraps statements puts the snippet's own leading using directives (one line).</summary>
    private const string UsingsPlaceholder = "//<usings>";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static readonly Lazy<ImmutableArray<SyntaxTree>> LazyGenerated = new(Generate);

    /// <summary>The templates: every file of Docs/Templates, by name.</summary>
    public static IReadOnlyList<string> Templates()
        => Directory.GetFiles(TemplateFolder, "*.cs")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.StartsWith('_'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Compiles the snippet; returns the compilation and its errors and warnings, each placed at the snippet's markdown line where it is in the snippet.</summary>
    public static (CSharpCompilation Compilation, IReadOnlyList<string> Problems) Compile(DocSnippet snippet)
    {
        if (snippet.Template is null)
        {
            return (CSharpCompilation.Create("Snippet"), new[] { snippet.Place + ": no template: put <!-- snippet: NAME --> on the line before the fence, NAME one of " + string.Join(", ", Templates()) });
        }

        var templatePath = Path.Combine(TemplateFolder, snippet.Template + ".cs");
        if (!File.Exists(templatePath))
        {
            return (CSharpCompilation.Create("Snippet"), new[] { snippet.Place + ": no template '" + snippet.Template + "'; the templates are " + string.Join(", ", Templates()) });
        }

        var template = File.ReadAllText(templatePath).Replace("\r\n", "\n", StringComparison.Ordinal);
        var at = template.IndexOf(Placeholder, StringComparison.Ordinal);
        Assert.True(at >= 0, templatePath + " has no " + Placeholder + " line.");
        var (usingLine, body) = Hoist(template, snippet.Code);
        var firstSnippetLine = template[..at].Count(c => c == '\n');
        var source = template[..at] + body + template[(at + Placeholder.Length)..];
        source = source.Replace(UsingsPlaceholder, usingLine, StringComparison.Ordinal);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(source, System.Text.Encoding.UTF8), ParseOptions, path: snippet.File + ".snippet.cs");
        var usings = UsingsOf(template, templatePath);
        var executable = snippet.Template.EndsWith("program", StringComparison.Ordinal);
        var compilation = CSharpCompilation.Create(
            "Shop",
            LazyGenerated.Value.Add(usings).Add(tree),
            LazyReferences.Value,
            new CSharpCompilationOptions(
                executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => Describe(d, snippet, tree, firstSnippetLine))
            .ToList();
        return (compilation, problems);
    }

    /// <summary>
    /// A snippet that shows the using directives it needs, wrapped by a template with a <c>//&lt;usings&gt;</c> line: the
    /// directives move there (on that one line) and leave blank lines behind, so the snippet's line numbers hold.
    /// </summary>
    private static (string Usings, string Body) Hoist(string template, string code)
    {
        if (!template.Contains(UsingsPlaceholder, StringComparison.Ordinal))
        {
            return (string.Empty, code);
        }

        var lines = code.Split('\n');
        var hoisted = new List<string>();
        for (var i = 0; i < lines.Length && (lines[i].Trim().Length == 0 || UsingDirective(lines[i])); i++)
        {
            hoisted.Add(lines[i].Split("//", 2)[0].Trim()); // a comment after it would swallow the next one on the shared line
            lines[i] = string.Empty;
        }

        return (string.Join(" ", hoisted.Where(line => line.Length > 0)), string.Join("\n", lines));
    }

    private static bool UsingDirective(string line)
        => line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal) && !line.StartsWith("using (", StringComparison.Ordinal);

    /// <summary>The SDK's implicit usings a template's first line names (<c>// usings: web</c>): Templates/_web-usings.cs.</summary>
    private static SyntaxTree UsingsOf(string template, string templatePath)
    {
        var first = template.Split('\n', 2)[0];
        Assert.True(first.StartsWith("// usings: ", StringComparison.Ordinal), templatePath + " does not start with `// usings: console` or `// usings: web`.");
        var path = Path.Combine(TemplateFolder, "_" + first["// usings: ".Length..].Trim() + "-usings.cs");
        return CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions, path: Path.GetFileName(path));
    }

    private static string TemplateFolder => Path.Combine(Repository.Root, "tests", "Qiwi.Samples.Tests", "Docs", "Templates");

    private static string Describe(Diagnostic diagnostic, DocSnippet snippet, SyntaxTree tree, int firstSnippetLine)
    {
        var span = diagnostic.Location.GetLineSpan();
        var line = span.StartLinePosition.Line;
        var where = diagnostic.Location.SourceTree == tree
            ? line >= firstSnippetLine && line - firstSnippetLine < snippet.Code.Count(c => c == '\n')
                ? snippet.File + ":" + (snippet.Line + line - firstSnippetLine)
                : snippet.Place + " (template " + snippet.Template + ", line " + (line + 1) + ")"
            : snippet.Place + " (in " + span.Path + ")";
        return where + ": " + diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The generator run once over the real spec, as the Qiwi.Generator package runs it in a project named Shop.</summary>
    private static ImmutableArray<SyntaxTree> Generate()
    {
        var seed = CSharpCompilation.Create("Shop", Array.Empty<SyntaxTree>(), LazyReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new QiwiGenerator().AsSourceGenerator() },
            new[] { (AdditionalText)new SpecText(Path.Combine(Repository.Root, "spec", "qiwi-pull.yaml")) },
            ParseOptions,
            new Options());
        driver = driver.RunGenerators(seed);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, source => source.SourceText.ToString().Contains("AddQiwiPullClient(", StringComparison.Ordinal));
        return result.GeneratedSources.Select(source => source.SyntaxTree).ToImmutableArray();
    }

    /// <summary>
    /// The framework and ASP.NET Core (by their assemblies' names: some of them come from packages in this test's
    /// folder), and the toolkit's libraries with what they bring (certificate authentication); not the test's own
    /// dependencies (Roslyn, xunit, Playwright, Npgsql), which a newcomer's project lacks.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var toolkit = new HashSet<string>(StringComparer.Ordinal)
        {
            "Qiwi.Runtime", "Qiwi.AspNetCore", "Qiwi.Extensions.DependencyInjection", "Qiwi.Sandbox", "Microsoft.AspNetCore.Authentication.Certificate",
        };
        string[] framework = ["System.", "Microsoft.AspNetCore.", "Microsoft.Extensions.", "Microsoft.Net.Http.Headers", "Microsoft.Win32.", "Microsoft.JSInterop", "Microsoft.CSharp", "Microsoft.VisualBasic", "netstandard", "mscorlib"];
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(path => toolkit.Contains(Path.GetFileNameWithoutExtension(path))
                || framework.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
        Assert.Equal(toolkit.Count, trusted.Count(path => toolkit.Contains(Path.GetFileNameWithoutExtension(path))));
        return references;
    }

    private sealed class SpecText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(path));
    }

    /// <summary>What the package's props give the generator in a project named Shop.</summary>
    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly Values Global = new(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Shop",
            ["build_property.QiwiGeneratorProps"] = "true",
            ["build_property.ProjectDir"] = "/shop/",
        });

        private static readonly Values None = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

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
