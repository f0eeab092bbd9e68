using System.Text;
using System.Text.RegularExpressions;

namespace Qiwi.Samples.Tests.Docs;

/// <summary>
/// The little of CommonMark the docs tests need: fenced code blocks (to read the C# ones, and to keep code out of
/// the link check), links outside code, and the anchors GitHub gives headings.
/// </summary>
internal static partial class Markdown
{
    /// <summary>A fenced block: the line of its opening fence, the line after its last (the closing fence or the end), its info word.</summary>
    public readonly record struct Fence(int Open, int End, string Info);

    /// <summary>
    /// The fenced blocks of <paramref name="lines"/>: opened by three or more backticks or tildes, closed by a line of
    /// the same character only, at least as many; a fence never closed runs to the end.
    /// </summary>
    public static IEnumerable<Fence> Fences(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var opening = FenceLine().Match(lines[i]);
            if (!opening.Success)
            {
                continue;
            }

            var marks = opening.Groups[1].Value;
            var end = i + 1;
            while (end < lines.Length && !Closes(lines[end], marks))
            {
                end++;
            }

            yield return new Fence(i, end, opening.Groups[2].Value);
            i = end;
        }
    }

    public static string[] Lines(string markdown) => markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>Each line outside fenced blocks, as it stands, and its 1-based number.</summary>
    public static IEnumerable<(int Number, string Text)> OutsideFences(string[] lines)
    {
        var inCode = new bool[lines.Length];
        foreach (var fence in Fences(lines))
        {
            for (var i = fence.Open; i <= Math.Min(fence.End, lines.Length - 1); i++)
            {
                inCode[i] = true;
            }
        }

        return Enumerable.Range(0, lines.Length).Where(i => !inCode[i]).Select(i => (i + 1, lines[i]));
    }

    /// <summary>Each line outside fenced blocks with its code spans blanked (a link in code is no link), and its 1-based number.</summary>
    public static IEnumerable<(int Number, string Text)> Prose(string[] lines)
        => OutsideFences(lines).Select(line => (line.Number, CodeSpan().Replace(line.Text, span => new string(' ', span.Length))));

    /// <summary>The targets of the inline links and images of a prose line: <c>[text](target)</c>, <c>![alt](target "title")</c>, <c>&lt;img src="target"&gt;</c>.</summary>
    public static IEnumerable<string> LinkTargets(string prose)
        => Link().Matches(prose).Select(m => m.Groups[1].Value)
            .Concat(HtmlLink().Matches(prose).Select(m => m.Groups[1].Value));

    /// <summary>The anchors of a document: GitHub's slug of each heading (a repeat gets -1, -2...) and every HTML id or name.</summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in OutsideFences(Lines(markdown)))
        {
            foreach (Match id in HtmlId().Matches(text))
            {
                anchors.Add(id.Groups[1].Value);
            }

            var heading = Heading().Match(text);
            if (!heading.Success)
            {
                continue;
            }

            var slug = Slug(heading.Groups[1].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : slug + "-" + count);
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's heading anchor: the heading's text (a link's text, no emphasis or code marks), lower case, every
    /// character but letters, digits, '-', '_' and spaces dropped, spaces made '-'.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = LinkText().Replace(heading.Trim().TrimEnd('#').Trim(), "$1");
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static bool Closes(string line, string opening)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= opening.Length && trimmed.All(c => c == opening[0]);
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})\s*([^\s`~]*)")]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"(`+)(?!`).*?(?<!`)\1(?!`)")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<(?:a|img)\s[^>]*?(?:href|src)\s*=\s*""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"<a\s[^>]*?(?:id|name)\s*=\s*""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlId();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();
}
