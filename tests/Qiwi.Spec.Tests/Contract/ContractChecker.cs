using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// Checks the three-way contract: every item of the docs pages has a row in docs/contract.md, every row names
/// an item the docs have, and the spec holds every row's item where the row says. Returns the problems (empty
/// when the contract holds), so that tests can also prove it fails on a broken spec.
/// </summary>
internal static partial class ContractChecker
{
    /// <summary>Rows written by hand for what the docs say outside tables and lists (the page's text must contain the item).</summary>
    public static readonly HashSet<string> ManualKinds = ["prose", "value", "example"];

    public static List<string> Problems(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract, Func<string, string> pageText)
    {
        var problems = new List<string>();
        var rows = contract.Rows.ToLookup(r => r.Key, StringComparer.Ordinal);
        foreach (var item in items.Where(i => !rows.Contains(i.Key)))
        {
            problems.Add($"The docs item [{item.Key}] has no row in docs/contract.md.");
        }

        var keys = items.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var row in contract.Rows)
        {
            if (ManualKinds.Contains(row.Kind))
            {
                if (!pageText(row.Page).Contains(row.Item, StringComparison.Ordinal))
                {
                    problems.Add($"docs/contract.md line {row.Line}: the page {row.Page} does not say '{row.Item}'.");
                }
            }
            else if (!keys.Contains(row.Key))
            {
                problems.Add($"docs/contract.md line {row.Line}: [{row.Key}] is not an item of the docs (a stale or misspelt row).");
            }

            if (row.Locators.Count == 0)
            {
                problems.Add($"docs/contract.md line {row.Line}: [{row.Key}] says nowhere where the spec holds it.");
            }

            problems.AddRange(row.Locators.Select(l => SpecLocator.Check(spec, l)).OfType<string>()
                .Select(p => $"docs/contract.md line {row.Line}: [{row.Key}]: {p}."));
        }

        // A note's "(D-...)" names a row of the departures table.
        var departureIds = contract.Departures.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(contract.Rows.SelectMany(r => DepartureReference().Matches(r.Note).Select(m => (r.Line, m.Value)))
            .Where(reference => !departureIds.Contains(reference.Value))
            .Select(reference => $"docs/contract.md line {reference.Line}: no departure {reference.Value}."));
        problems.AddRange(contract.Departures.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"The departure {g.Key} is listed twice."));

        problems.AddRange(Flags(spec, items));
        problems.AddRange(ContractTypes.Problems(spec, items, contract));
        problems.AddRange(ContractTexts.Problems(spec, items, contract, pageText));
        problems.AddRange(ContractDescriptions.Problems(spec, items, contract));
        problems.AddRange(Departures(spec, contract));
        return problems;
    }

    /// <summary>The departures a row's note names (<c>(D-charset)</c>).</summary>
    public static IEnumerable<string> DeparturesNamed(string note) => DepartureReference().Matches(note).Select(m => m.Value);

    /// <summary>The docs' Fatal and Final columns agree with the spec's x-qiwi-enum.</summary>
    private static IEnumerable<string> Flags(SpecDocument spec, IReadOnlyList<DocItem> items)
    {
        foreach (var item in items.Where(i => i.Kind == "table"))
        {
            var (schema, flag) = item.Column switch
            {
                "Code" when item.Section == "Error Codes" => ("ResultCode", "fatal"),
                "Status" when item.Section.Contains("Refund", StringComparison.Ordinal) => ("RefundStatus", "final"),
                "Status" => ("BillStatus", "final"),
                _ => (null, null),
            };
            if (schema is null || flag is null)
            {
                continue;
            }

            var expected = (item.Cells.Count > 2 ? item.Cells[2] : string.Empty) switch
            {
                "Y" => "true",
                "N" or "Unrelated" => "false", // "Unrelated" is success: never fatal
                _ => "unknown",
            };
            var entry = spec.Find("#/components/schemas/" + schema + "/x-qiwi-enum") is YamlSequenceNode entries
                ? entries.Children.Cast<YamlMappingNode>().FirstOrDefault(e => ((YamlScalarNode)e["value"]).Value == item.Name)
                : null;
            var actual = entry is not null && entry.Children.TryGetValue(flag, out var node) ? ((YamlScalarNode)node).Value : null;
            if (entry is not null && actual != expected)
            {
                yield return $"[{item.Key}]: the docs say {flag} {expected}, the spec's {schema} says {actual ?? "nothing"}.";
            }
        }
    }

    /// <summary>Every DECISION, FIXED and ERRATUM comment of the spec has its row, with places that exist.</summary>
    private static IEnumerable<string> Departures(SpecDocument spec, ContractTable contract)
    {
        var text = File.Exists(spec.Path) ? File.ReadAllText(spec.Path) : string.Empty;
        foreach (var kind in new[] { "DECISION", "FIXED", "ERRATUM" })
        {
            var inSpec = (kind switch { "DECISION" => DecisionMarker(), "FIXED" => FixedMarker(), _ => ErratumMarker() }).Count(text);
            var inTable = contract.Departures.Count(d => d.Kind == kind);
            if (inSpec != inTable)
            {
                yield return $"The spec has {inSpec} {kind} comments, docs/contract.md's departures table {inTable}.";
            }
        }

        foreach (var departure in contract.Departures)
        {
            if (departure.Locators.Count == 0 || string.IsNullOrWhiteSpace(departure.Sources) || string.IsNullOrWhiteSpace(departure.Reason))
            {
                yield return $"docs/contract.md line {departure.Line}: a departure needs its place, its sources and its reason.";
            }

            foreach (var problem in departure.Locators.Select(l => SpecLocator.Check(spec, l)).OfType<string>())
            {
                yield return $"docs/contract.md line {departure.Line}: {problem}.";
            }
        }
    }

    [GeneratedRegex(@"\b[DFE]-[A-Za-z0-9]+\b")]
    private static partial Regex DepartureReference();

    [GeneratedRegex(@"^\s*#\s*DECISION:", RegexOptions.Multiline)]
    private static partial Regex DecisionMarker();

    [GeneratedRegex(@"^\s*#\s*FIXED\b", RegexOptions.Multiline)]
    private static partial Regex FixedMarker();

    [GeneratedRegex(@"^\s*#\s*ERRATUM:", RegexOptions.Multiline)]
    private static partial Regex ErratumMarker();
}
