using System.Runtime.Loader;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles against the current API: the code generated from the real
/// spec, the runtime, DI and ASP.NET Core (<see cref="SnippetCompiler"/>). A block is wrapped by the template its
/// marker names (tests/Qiwi.Samples.Tests/Docs/Templates); a block without a marker fails, so none is skipped.
/// The README's two programs also run, built by the newcomer test in a real project; the sandbox's snippet runs here.
/// </summary>
public sealed class DocSnippetTests
{
    /// <summary>
    /// The C# blocks there are today. The count found must equal the count compiled in any case; this floor catches a
    /// reader that stops finding them (a changed fence, say), which would make "all compiled" true of none.
    /// </summary>
    private const int KnownSnippets = 7;

    [Fact]
    public void Every_csharp_block_of_the_readme_and_the_docs_compiles_against_the_current_api()
    {
        var snippets = DocSnippet.All();
        var problems = new List<string>();
        var compiled = 0;
        foreach (var snippet in snippets)
        {
            var (_, found) = SnippetCompiler.Compile(snippet);
            if (found.Count == 0)
            {
                compiled++;
            }

            problems.AddRange(found);
        }

        Assert.True(problems.Count == 0, "Snippets that do not compile:\n" + string.Join("\n", problems));
        Assert.Equal(snippets.Count, compiled);
        Assert.True(snippets.Count >= KnownSnippets, $"Only {snippets.Count} C# blocks found in README.md and docs/*.md; there were {KnownSnippets}.");
    }

    [Fact]
    public void Every_template_is_used_by_a_snippet()
    {
        var used = DocSnippet.All().Select(snippet => snippet.Template).ToHashSet(StringComparer.Ordinal);
        Assert.All(SnippetCompiler.Templates(), template => Assert.Contains(template, used));
    }

    /// <summary>The comparison can fail: a snippet that drifted from the API, or one without a template, is reported at its markdown line.</summary>
    [Fact]
    public void A_snippet_that_drifted_from_the_api_or_has_no_template_fails()
    {
        var program = DocSnippet.All().First(snippet => snippet.Template == "program");
        var drifted = program with { Code = program.Code.Replace("CreateBillAsync", "CreateInvoiceAsync", StringComparison.Ordinal) };
        var line = program.Line + program.Code.Split('\n').TakeWhile(l => !l.Contains("CreateBillAsync", StringComparison.Ordinal)).Count();
        Assert.Contains(SnippetCompiler.Compile(drifted).Problems, problem => problem.StartsWith(program.File + ":" + line + ": CS1061", StringComparison.Ordinal));

        var unmarked = DocSnippet.Read("docs/x.md", "Text.\n\n```csharp\nvar x = 1;\n```\n").Single();
        Assert.Null(unmarked.Template);
        Assert.Contains("no template", Assert.Single(SnippetCompiler.Compile(unmarked).Problems), StringComparison.Ordinal);

        var warning = program with { Code = program.Code + "\nstring? maybe = null;\nConsole.WriteLine(maybe.Length);\n" };
        Assert.Contains(SnippetCompiler.Compile(warning).Problems, problem => problem.Contains("CS8602", StringComparison.Ordinal));
    }

    /// <summary>Fences of every kind are read, and only C# ones are snippets; a marker two lines up (text between) does not count; a fence closes on a longer one of its own character only, or at the end.</summary>
    [Fact]
    public void The_reader_finds_csharp_fences_and_their_markers_only()
    {
        const string markdown = "<!-- snippet: web-app -->\n```csharp\na();\n```\n\n```bash\n```csharp\n```\n\n<!-- snippet: program -->\nSome text.\n```cs\nb();\n````\n\n~~~~\n```csharp\n~~~\n~~~~\n<!-- snippet: program -->\n  ```C#\nc();\n";
        var snippets = DocSnippet.Read("x.md", markdown).ToList();
        Assert.Equal(3, snippets.Count);
        Assert.Equal(("web-app", 3, "a();\n"), (snippets[0].Template, snippets[0].Line, snippets[0].Code));
        Assert.Equal((null, "b();\n"), (snippets[1].Template, snippets[1].Code));
        Assert.Equal(("program", 22, "c();\n\n"), (snippets[2].Template, snippets[2].Line, snippets[2].Code));
    }

    /// <summary>docs/sandbox.md's in-process snippet runs: it starts a sandbox, and the client it builds validates its options.</summary>
    [Fact]
    public async Task The_sandbox_snippet_runs()
    {
        var snippets = DocSnippet.All().Where(snippet => snippet.Template == "sandbox-test").ToList();
        Assert.NotEmpty(snippets);
        foreach (var snippet in snippets)
        {
            var (compilation, problems) = SnippetCompiler.Compile(snippet);
            Assert.Empty(problems);
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            image.Position = 0;
            var context = new AssemblyLoadContext(snippet.Place, isCollectible: true);
            try
            {
                var run = context.LoadFromStream(image).GetType("Shop.Snippet", throwOnError: true)!.GetMethod("RunAsync")!;
                using var http = new HttpClient();
                await (Task)run.Invoke(null, new object[] { http })!;
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
