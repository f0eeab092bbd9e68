using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>Which departures let a row's docs text differ from the spec's description (the weaker ones exist to prove the real one matters).</summary>
internal enum TextExcuse
{
    /// <summary>The rule: a <c>DECISION</c> the row's note names that lists the description's own place, <c>text:ResultCode/774</c>.</summary>
    ListedTextPlace,

    /// <summary>Weakened: any departure the row's note names excuses the row's texts, whatever it lists.</summary>
    AnyNamedDeparture,

    /// <summary>Weakened: a departure the row's note names that lists the value's <c>code:</c> place (the place the Fatal/Final and Type checks excuse).</summary>
    ListedCodePlace,
}

/// <summary>
/// The docs' words for each error code, status and enum value against the spec's <c>x-qiwi-enum</c> descriptions
/// (which become the generated XML docs, <c>GetDescription()</c>, the result-code catalog, the exception messages
/// and the sandbox's error descriptions). Where docs/contract.md says the spec holds a value (<c>code:ResultCode/242</c>)
/// and the docs give its text, the spec's description at <c>text:ResultCode/242</c> must equal that text under
/// <see cref="DocText.Normalise"/>, unless the row's note names a <c>DECISION</c> that lists <c>text:ResultCode/242</c>,
/// or an <c>ERRATUM</c> that lists it and whose correction (<c>`payed` -> `paid`</c>) then makes them equal. And every
/// description of a components schema's <c>x-qiwi-enum</c> is compared with some docs text or listed by a DECISION.
/// </summary>
internal static partial class ContractTexts
{
    /// <summary>One comparison: a row, the description's place, the docs' text (normalised, errata applied), the spec's entry.</summary>
    public sealed record Compared(ContractRow Row, string Locator, string Docs, YamlMappingNode Entry, string? Problem);

    public static IEnumerable<string> Problems(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract, Func<string, string> pageText, TextExcuse excuse = TextExcuse.ListedTextPlace)
    {
        var compared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Checked(spec, items, contract, pageText, excuse))
        {
            compared.Add(c.Locator);
            var at = $"docs/contract.md line {c.Row.Line}: [{c.Row.Key}]";
            if (c.Problem is not null)
            {
                yield return $"{at}: {c.Problem} at {c.Locator}.";
                continue;
            }

            var said = DocText.Normalise(Description(c.Entry));
            if (said != c.Docs)
            {
                yield return $"{at}: the docs say '{c.Docs}', the spec's description at {c.Locator} says '{said}' (compared after DocText.Normalise); "
                    + "restore the docs' words, or name in the row's note a DECISION or ERRATUM that lists this place.";
            }
        }

        foreach (var (locator, entry) in Places(spec))
        {
            if (!compared.Contains(locator) && !contract.Departures.Any(d => d.Kind == "DECISION" && d.Locators.Contains(locator, StringComparer.Ordinal)))
            {
                yield return $"The spec's description at {locator} ('{Description(entry)}') is compared with no docs text, and no DECISION lists it: quote the docs, or say why the spec words it itself.";
            }
        }
    }

    /// <summary>Every comparison the check makes: each <c>code:</c> place of each row whose docs give a text, unless excused.</summary>
    public static IEnumerable<Compared> Checked(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract, Func<string, string> pageText, TextExcuse excuse = TextExcuse.ListedTextPlace)
    {
        var byKey = items.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in contract.Rows)
        {
            var texts = DocText.Of(row, byKey.GetValueOrDefault(row.Key), pageText);
            if (texts.Count == 0)
            {
                continue;
            }

            var named = ContractChecker.DeparturesNamed(row.Note).ToHashSet(StringComparer.Ordinal);
            var departures = contract.Departures.Where(d => named.Contains(d.Id)).ToList();
            foreach (var code in row.Locators.Where(l => l.StartsWith("code:", StringComparison.Ordinal)))
            {
                var locator = "text:" + code["code:".Length..];
                if (Entry(spec, locator) is not { } entry || Excused(departures, code, locator, excuse))
                {
                    continue; // a missing value is the locator check's to report
                }

                var errata = departures.Where(d => d.Kind == "ERRATUM" && d.Locators.Contains(locator, StringComparer.Ordinal)).ToList();
                foreach (var text in texts)
                {
                    var (docs, problem) = Corrected(DocText.Normalise(text), errata);
                    yield return new Compared(row, locator, docs, entry, problem);
                }
            }
        }
    }

    /// <summary>Every description the check covers: each entry of a components schema's x-qiwi-enum, as <c>text:Schema/value</c>.</summary>
    public static IEnumerable<(string Locator, YamlMappingNode Entry)> Places(SpecDocument spec)
    {
        foreach (var (key, node) in spec.Map("components", "schemas").Children)
        {
            if (node is YamlMappingNode schema && schema.Children.TryGetValue("x-qiwi-enum", out var entries) && entries is YamlSequenceNode list)
            {
                foreach (var entry in list.Children.OfType<YamlMappingNode>())
                {
                    if (entry.Children.TryGetValue("value", out var value) && value is YamlScalarNode scalar)
                    {
                        yield return ($"text:{((YamlScalarNode)key).Value}/{scalar.Value}", entry);
                    }
                }
            }
        }
    }

    /// <summary>The x-qiwi-enum entry a <c>text:Schema/value</c> locator names, or null.</summary>
    public static YamlMappingNode? Entry(SpecDocument spec, string locator)
    {
        var argument = locator[(locator.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var slash = argument.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || spec.Find("#/components/schemas/" + argument[..slash].Replace("~", "~0", StringComparison.Ordinal) + "/x-qiwi-enum") is not YamlSequenceNode list)
        {
            return null;
        }

        var value = argument[(slash + 1)..];
        return list.Children.OfType<YamlMappingNode>().FirstOrDefault(e => e.Children.TryGetValue("value", out var v) && v is YamlScalarNode s && s.Value == value);
    }

    public static string Description(YamlMappingNode entry)
        => entry.Children.TryGetValue("description", out var node) && node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;

    /// <summary>The corrections an ERRATUM states in its reason: <c>`payed` -> `paid`</c>.</summary>
    public static IReadOnlyList<(string Old, string New)> Corrections(DepartureRow erratum)
        => Correction().Matches(erratum.Reason).Select(m => (m.Groups["old"].Value, m.Groups["new"].Value)).ToList();

    private static bool Excused(List<DepartureRow> departures, string code, string locator, TextExcuse excuse) => excuse switch
    {
        TextExcuse.AnyNamedDeparture => departures.Count > 0,
        TextExcuse.ListedCodePlace => departures.Any(d => d.Locators.Contains(code, StringComparer.Ordinal) || d.Locators.Contains(locator, StringComparer.Ordinal)),
        _ => departures.Any(d => d.Kind == "DECISION" && d.Locators.Contains(locator, StringComparer.Ordinal)),
    };

    /// <summary>The docs' text with each named erratum's corrections made; a correction the text does not call for is a problem.</summary>
    private static (string Docs, string? Problem) Corrected(string docs, List<DepartureRow> errata)
    {
        foreach (var erratum in errata)
        {
            var corrections = Corrections(erratum);
            if (corrections.Count == 0)
            {
                return (docs, $"the ERRATUM {erratum.Id} states no correction (`old` -> `new`)");
            }

            foreach (var (old, replacement) in corrections)
            {
                if (!docs.Contains(old, StringComparison.Ordinal))
                {
                    return (docs, $"the ERRATUM {erratum.Id} corrects '{old}', which the docs' '{docs}' does not say");
                }

                docs = docs.Replace(old, replacement, StringComparison.Ordinal);
            }
        }

        return (docs, null);
    }

    [GeneratedRegex(@"`(?<old>[^`]+)`\s*->\s*`(?<new>[^`]+)`")]
    private static partial Regex Correction();
}
