namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// Every relative link and image of README.md and docs/*.md names a file or folder of the repository, and every
/// anchor (<c>#section</c>, <c>page.md#section</c>) a heading or HTML id of its page. External links (a scheme) are
/// not fetched: there is no network here. Links in code (fenced blocks, code spans) are no links.
/// </summary>
public sealed class DocLinkTests
{
    [Fact]
    public void Every_relative_link_and_anchor_of_the_readme_and_the_docs_resolves()
    {
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var file in DocSnippet.MarkdownFiles())
        {
            foreach (var (line, target) in Links(File.ReadAllText(Path.Combine(Repository.Root, file))))
            {
                checkedLinks++;
                if (Problem(file, target) is { } problem)
                {
                    broken.Add($"{file}:{line}: ({target}) {problem}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
        // README.md alone links a dozen pages; a reader that stops finding links would make "none broken" true of none.
        Assert.True(checkedLinks >= 50, $"Only {checkedLinks} relative links found in README.md and docs/*.md.");
    }

    /// <summary>The check can fail: a missing page, a missing anchor on this page or another, a link out of the repository.</summary>
    [Fact]
    public void A_missing_page_or_anchor_is_reported()
    {
        Assert.Equal("no such file or folder", Problem("docs/runtime.md", "runtme.md"));
        Assert.Equal("no heading or id 'money-safety' in docs/runtime.md", Problem("docs/sandbox.md", "runtime.md#money-safety"));
        Assert.Equal("no heading or id 'nowhere' in docs/sandbox.md", Problem("docs/sandbox.md", "#nowhere"));
        Assert.Equal("outside the repository", Problem("README.md", "../elsewhere.md"));
        Assert.Null(Problem("docs/sandbox.md", "runtime.md#what-a-writes-failure-means-money-safety"));
        Assert.Null(Problem("README.md", "docs/images/shop-admin.png"));
        Assert.Null(Problem("README.md", "src/Qiwi.Runtime/"));
    }

    [Theory]
    [InlineData("What a write's failure means (money safety)", "what-a-writes-failure-means-money-safety")]
    [InlineData("`x-qiwi-client`", "x-qiwi-client")]
    [InlineData("Client (`QiwiPullClientOptions`, derived from `QiwiClientOptions`)", "client-qiwipullclientoptions-derived-from-qiwiclientoptions")]
    [InlineData("QIWI0017 ##", "qiwi0017")]
    [InlineData("See [the sandbox](sandbox.md) now", "see-the-sandbox-now")]
    [InlineData("Red team, 2026-11-26: a new user", "red-team-2026-11-26-a-new-user")]
    public void Anchors_are_githubs_slugs(string heading, string anchor) => Assert.Equal(anchor, Markdown.Slug(heading));

    [Fact]
    public void Links_in_code_are_not_links_and_repeated_headings_are_numbered()
    {
        const string markdown = "# A\n## A\n[x](b.md) `[y](c.md)` ![i](img.png \"t\")\n```\n[z](d.md)\n# B\n```\n<a id=\"here\"></a>\n";
        Assert.Equal(new[] { (3, "b.md"), (3, "img.png") }, Links(markdown));
        Assert.Equal(new[] { "a", "a-1", "here" }, Markdown.Anchors(markdown).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<(int Line, string Target)> Links(string markdown)
        => Markdown.Prose(Markdown.Lines(markdown))
            .SelectMany(line => Markdown.LinkTargets(line.Text).Select(target => (line.Number, target)))
            .Where(link => !HasScheme(link.target));

    private static bool HasScheme(string target) => System.Text.RegularExpressions.Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /// <summary>What is wrong with <paramref name="target"/>, linked from <paramref name="file"/> (relative to the repository), or null.</summary>
    private static string? Problem(string file, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var root = Path.GetFullPath(Repository.Root);
        var resolved = path.Length == 0
            ? Path.Combine(root, file)
            : Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(file) ?? string.Empty, path));
        if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return "outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file or folder";
        }

        if (anchor is null || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var page = Path.GetRelativePath(root, resolved).Replace(Path.DirectorySeparatorChar, '/');
        return Markdown.Anchors(File.ReadAllText(resolved)).Contains(anchor) ? null : $"no heading or id '{anchor}' in {page}";
    }
}
