using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// A fenced <c>```csharp</c> block of README.md or docs/*.md, with the template named by the HTML comment on the
/// line before its fence (<c>&lt;!-- snippet: web-app --&gt;</c>; other words may share the comment, as the
/// README's <c>quick-start:program</c> does). A block without such a comment has no template and fails the test
/// that compiles them: none is skipped.
/// </summary>
internal sealed partial record DocSnippet(string File, int Line, string? Template, string Code)
{
    /// <summary>Where the snippet's first line of code is, for messages: <c>docs/runtime.md:149</c>.</summary>
    public string Place => File + ":" + Line;

    /// <summary>The markdown files the snippets and links are read from: README.md and every docs/*.md.</summary>
    public static IReadOnlyList<string> MarkdownFiles()
        => new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal))
            .ToList();

    /// <summary>Every <c>```csharp</c> (or <c>```cs</c>, <c>```c#</c>) block of <paramref name="markdown"/>, in order.</summary>
    public static IEnumerable<DocSnippet> Read(string file, string markdown) => Read(file, markdown, IsCSharp);

    /// <summary>Every fenced block of <paramref name="markdown"/> whose info word <paramref name="language"/> accepts, in order.</summary>
    public static IEnumerable<DocSnippet> Read(string file, string markdown, Func<string, bool> language)
    {
        var lines = Markdown.Lines(markdown);
        foreach (var fence in Markdown.Fences(lines).Where(fence => language(fence.Info)))
        {
            yield return new DocSnippet(file, fence.Open + 2, TemplateBefore(lines, fence.Open), string.Join("\n", lines[(fence.Open + 1)..fence.End]) + "\n");
        }
    }

    /// <summary>The C# snippets of every markdown file.</summary>
    public static IReadOnlyList<DocSnippet> All() => All(IsCSharp);

    /// <summary>The blocks of every markdown file whose info word <paramref name="language"/> accepts.</summary>
    public static IReadOnlyList<DocSnippet> All(Func<string, bool> language)
        => MarkdownFiles().SelectMany(file => Read(file, System.IO.File.ReadAllText(Path.Combine(Repository.Root, file)), language)).ToList();

    private static bool IsCSharp(string language) => language.ToLowerInvariant() is "csharp" or "cs" or "c#";

    private static string? TemplateBefore(string[] lines, int fence)
    {
        var previous = fence - 1;
        while (previous >= 0 && lines[previous].Trim().Length == 0)
        {
            previous--;
        }

        return previous >= 0 && Marker().Match(lines[previous]) is { Success: true } marker ? marker.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\s*<!--.*\bsnippet:\s*([a-z-]+).*-->\s*$")]
    private static partial Regex Marker();
}
