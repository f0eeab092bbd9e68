using System.Net;
using System.Text.RegularExpressions;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// What a docs page says a code, status or enum value means, and the one normalisation under which the spec's
/// <c>x-qiwi-enum</c> description must say the same.
/// </summary>
internal static partial class DocText
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> ValueLists = new(StringComparer.Ordinal);

    /// <summary>
    /// The text as compared, the same for a docs cell and a spec description. Exactly these, in this order:
    /// a markdown link <c>[t](u)</c> becomes <c>t</c>; each HTML tag becomes a space and entities are decoded; backticks
    /// and the bold marker <c>**</c> are removed (a code span becomes its text); the typographic quotes ’ ‘ become <c>'</c> and “ ” become <c>"</c>, the en dash – a hyphen <c>-</c> (so the spec
    /// can say the docs' words in ASCII; a wide character in a generated file now costs only itself, see NarrowSourceText);
    /// every run of whitespace becomes one space, and the ends are trimmed; one trailing <c>.</c> is removed; the
    /// first character is upper-cased (a docs list item starts lower-case, a description starts a sentence).
    /// Nothing else: words, other punctuation and the case of every later letter must be equal.
    /// </summary>
    public static string Normalise(string text)
    {
        var result = Link().Replace(text, "${text}");
        result = WebUtility.HtmlDecode(Tag().Replace(result, " "));
        result = result.Replace("`", string.Empty, StringComparison.Ordinal).Replace("**", string.Empty, StringComparison.Ordinal)
            .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u2013', '-');
        result = Spaces().Replace(result, " ").Trim();
        if (result.EndsWith('.'))
        {
            result = result[..^1].TrimEnd();
        }

        return result.Length == 0 ? result : char.ToUpperInvariant(result[0]) + result[1..];
    }

    /// <summary>
    /// The docs' texts for a row: a table row's <c>Description</c> cell (the error code, status and notification
    /// code tables); for a hand-written <c>value</c> row (<c>`qw`</c>), each entry of the page's value lists,
    /// <c>`qw` – QIWI Wallet account;</c> (an en dash or a hyphen between spaces, up to <c>;</c>, <c>&lt;br&gt;</c>,
    /// <c>|</c> or the line's end). Empty when the docs give no text for it (a value named only in a sentence).
    /// </summary>
    public static IReadOnlyList<string> Of(ContractRow row, DocItem? item, Func<string, string> pageText)
    {
        if (item is { Kind: "table" })
        {
            return item.Cell("Description") is { Length: > 0 } cell ? [cell] : [];
        }

        if (row.Kind == "value" && row.Item.StartsWith('`') && row.Item.EndsWith('`') && row.Item.Length > 2)
        {
            var pattern = ValueLists.GetOrAdd(row.Item, item => new Regex(Regex.Escape(item) + @"[ \t]+[\u2013-][ \t]+(?<text>.+?)[ \t]*(?:;|<br>|\||$)", RegexOptions.Multiline, TimeSpan.FromSeconds(5)));
            return pattern.Matches(pageText(row.Page)).Select(m => m.Groups["text"].Value).Distinct(StringComparer.Ordinal).ToList();
        }

        return [];
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
