using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>One thing a docs page documents: a row of one of its tables, a parameter of a URL, a header, a URL.</summary>
/// <param name="Page">The spec's short name of the page (<c>API</c>, <c>NOTIFY</c>, ...).</param>
/// <param name="Section">The heading the item sits under.</param>
/// <param name="Kind"><c>table</c>, <c>list</c> (a <c>&lt;li&gt;&lt;strong&gt;</c> URL or body parameter), <c>header</c> or <c>url</c>.</param>
/// <param name="Name">The item: a parameter name, a status, a code, a header line, a URL.</param>
/// <param name="Cells">For a table row, all its cells (the first is <see cref="Name"/>); otherwise just the name.</param>
/// <param name="Column">For a table row, the table's first header (<c>Parameter</c>, <c>Code</c>, <c>Status</c>, <c>XML Tag</c>).</param>
internal sealed record DocItem(string Page, string Section, string Kind, string Name, IReadOnlyList<string> Cells, string Column)
{
    public string Key => Page + " | " + Section + " | " + Kind + " | " + Name;

    /// <summary>For a table row, the table's headers (<c>Parameter</c>, <c>Description</c>, <c>Type</c>, <c>Required</c>); otherwise empty.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>The row's cell under the header of that name, or null (no such column, or a short row).</summary>
    public string? Cell(string header)
    {
        for (var i = 0; i < Headers.Count && i < Cells.Count; i++)
        {
            if (string.Equals(Headers[i].Trim('`', ' '), header, StringComparison.OrdinalIgnoreCase))
            {
                return Cells[i];
            }
        }

        return null;
    }
}

/// <summary>
/// The QIWI docs pages (the only source of truth about the service) read as markdown: every table row, every
/// parameter in a URL's list, every header line, every request URL. Found in <c>shared/reference</c> above the
/// repository (CI has it beside the clone), or where <c>QIWI_DOCS_PATH</c> says.
/// </summary>
internal static partial class DocsPages
{
    /// <summary>File name -> the spec's short name of the page (the spec's header lists the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["qiwi-docs/_pull-payments-api_en.html.md"] = "API",
        ["qiwi-docs/_errors_en.html.md"] = "ERR",
        ["qiwi-docs/_statuses_en.html.md"] = "STAT",
        ["qiwi-docs/_responses_en.html.md"] = "RESP",
        ["qiwi-docs/_notification_en.html.md"] = "NOTIFY",
        ["qiwi-docs/_checkout_en.html.md"] = "CHK",
        ["qiwi-docs/_checkout_en.2017.html.md"] = "CHK2017",
        ["qiwi-docs/_webform_en.html.md"] = "WF",
        ["qiwi-docs/_webform_en.2017.html.md"] = "WF2017",
        ["qiwi-docs/pull-payments_en.html.md"] = "INTRO",
        ["seeds/000_bd50dc58b35a141a.txt"] = "INTRO2017",
        ["seeds/003_607fd4364bd04e07.txt"] = "MOBILE",
    };

    private static readonly Lazy<IReadOnlyList<DocItem>> LazyItems = new(() => ReadAll(Directory()));

    /// <summary>Every item of every page.</summary>
    public static IReadOnlyList<DocItem> Items => LazyItems.Value;

    /// <summary>The folder holding qiwi-docs/ and seeds/.</summary>
    public static string Directory()
    {
        var overridden = Environment.GetEnvironmentVariable("QIWI_DOCS_PATH");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        for (var directory = new DirectoryInfo(SpecDocument.RepositoryRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference");
            if (File.Exists(Path.Combine(candidate, "qiwi-docs", "_pull-payments-api_en.html.md")))
            {
                return candidate;
            }
        }

        // Never a silent pass: the contract cannot be checked without its source (ContractTests skip with this
        // reason on a developer's machine without it, and fail in CI, which always has it beside the clone).
        throw new InvalidOperationException(MissingReason);
    }

    /// <summary>Why the contract tests cannot run here, with what to do about it.</summary>
    public static string MissingReason =>
        "The QIWI docs pages (shared/reference/qiwi-docs) were not found above " + SpecDocument.RepositoryRoot
        + "; CI has them beside the clone. Set QIWI_DOCS_PATH to the folder holding qiwi-docs/ and seeds/.";

    /// <summary>Whether the docs pages can be found.</summary>
    public static bool Found
    {
        get
        {
            try
            {
                return System.IO.Directory.Exists(Directory());
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    /// <summary>The raw text of the page with that short name (read once: the mutation tests ask for it thousands of times).</summary>
    public static string PageText(string tag) => Texts.GetOrAdd(tag, t =>
    {
        var file = Tags.FirstOrDefault(p => p.Value == t).Key;
        return file is null ? string.Empty : File.ReadAllText(Path.Combine(Directory(), file));
    });

    public static IReadOnlyList<DocItem> ReadAll(string directory)
    {
        var items = new List<DocItem>();
        foreach (var (file, tag) in Tags)
        {
            var path = Path.Combine(directory, file);
            Assert.True(File.Exists(path), $"The docs page {path} is missing.");
            items.AddRange(Read(tag, File.ReadAllLines(path)));
        }

        // A page repeats an item within a section (two HEADERS lists, say): one item each.
        return items.GroupBy(i => i.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    /// <summary>The items of one page's markdown.</summary>
    public static IEnumerable<DocItem> Read(string tag, IReadOnlyList<string> lines)
    {
        var section = string.Empty;
        var inHeaders = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (Heading().Match(line) is { Success: true } heading)
            {
                section = heading.Groups["title"].Value.Trim();
                continue;
            }

            if (i + 1 < lines.Count && line.Contains('|', StringComparison.Ordinal) && Separator().IsMatch(lines[i + 1]))
            {
                var headers = Cells(line);
                var column = headers[0];
                var row = i + 2;
                for (; row < lines.Count && lines[row].Contains('|', StringComparison.Ordinal) && lines[row].Trim().Length > 0; row++)
                {
                    var cells = Cells(lines[row]);
                    yield return new DocItem(tag, section, "table", cells[0], cells, column) { Headers = headers };
                }

                i = row - 1;
                continue;
            }

            if (line.Contains("<h3>HEADERS</h3>", StringComparison.Ordinal))
            {
                inHeaders = true;
                continue;
            }

            if (inHeaders && line.Contains("</ul>", StringComparison.Ordinal))
            {
                inHeaders = false;
                continue;
            }

            if (inHeaders && ListItem().Match(line) is { Success: true } header)
            {
                yield return Single(tag, section, "header", Text(header.Groups["text"].Value));
            }
            else if (Strong().Match(line) is { Success: true } strong)
            {
                yield return Single(tag, section, "list", Text(strong.Groups["name"].Value));
            }
            else if (Url().Match(line) is { Success: true } url)
            {
                yield return Single(tag, section, "url", Text(url.Groups["url"].Value));
            }
        }
    }

    private static DocItem Single(string tag, string section, string kind, string name) => new(tag, section, kind, name, [name], string.Empty);

    private static string[] Cells(string line)
    {
        var trimmed = line.Trim().Trim('`').Trim();
        if (trimmed.StartsWith('|'))
        {
            trimmed = trimmed[1..];
        }

        return trimmed.Split('|').Select(c => c.Trim()).ToArray();
    }

    /// <summary>Tags stripped, entities decoded, spaces collapsed.</summary>
    private static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(html, string.Empty)), " ").Trim();

    // "###### [Edit on GitHub]" and "###### Last update" lines are not headings of content.
    [GeneratedRegex(@"^#{1,5}\s+(?<title>[^{]*?)\s*(\{#[^}]*\})?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*<li>(?<text>(?!<h3>).+?)</li>\s*$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*<li><strong>(?<name>[^<]+)</strong>")]
    private static partial Regex Strong();

    [GeneratedRegex(@"<h3>URL <span>(?<url>.+?)</span></h3>")]
    private static partial Regex Url();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
