using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>Which departures let a row's docs description differ from the spec's (the weaker ones exist to prove the real one matters).</summary>
internal enum DescriptionRule
{
    /// <summary>The rule: the docs' words begin the spec's description, ending where a sentence ends; only a DECISION listing <c>desc:param:op/name</c> excuses.</summary>
    StartsWithAtSentence,

    /// <summary>Weakened: the docs' words may stand anywhere in the spec's description.</summary>
    Contained,

    /// <summary>Weakened: any departure the row's note names excuses the row's descriptions, whatever it lists.</summary>
    AnyNamedDeparture,
}

/// <summary>
/// The docs tables' Description cells of parameters and properties against the spec's <c>description</c> of the
/// parameter or property (which becomes the generated parameter's or property's XML doc). Where docs/contract.md says
/// the spec holds a table row at <c>param:op/name</c> or <c>prop:Schema/name</c>, the spec's description there,
/// normalised as the codes' words are (<see cref="DocText.Normalise"/>), must begin with the docs' cell normalised,
/// and end there or go on with a new sentence (". ") or a clause (": ", "; ", " (") after it (after docs' words that end in
/// ":", with a space): the spec may say more,
/// never other words first. A row may differ only at a place a DECISION named in its note lists as
/// <c>desc:param:op/name</c> or <c>desc:prop:Schema/name</c>, or an ERRATUM lists there (its corrections are made in the
/// docs' cell first).
/// </summary>
internal static class ContractDescriptions
{
    /// <summary>One comparison: a row, the description's place (<c>desc:prop:Bill/user</c>), the docs' cell (normalised, errata applied), the node whose description the generator reads.</summary>
    public sealed record Compared(ContractRow Row, string Locator, string Docs, YamlMappingNode Holder, string? Problem);

    public static IEnumerable<string> Problems(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract, DescriptionRule rule = DescriptionRule.StartsWithAtSentence)
    {
        foreach (var c in Checked(spec, items, contract, rule))
        {
            var at = $"docs/contract.md line {c.Row.Line}: [{c.Row.Key}]";
            if (c.Problem is not null)
            {
                yield return $"{at}: {c.Problem} at {c.Locator}.";
                continue;
            }

            var said = DocText.Normalise(Description(c.Holder));
            if (!Agrees(c.Docs, said, rule))
            {
                yield return $"{at}: the docs describe it as '{c.Docs}', the spec's description at {c.Locator} is '{said}' (it must begin with the docs' words, compared after DocText.Normalise); "
                    + "restore the docs' words, or name in the row's note a DECISION that lists this place.";
            }
        }
    }

    /// <summary>The rule's test: the docs' words begin the spec's, and a sentence or clause ends with them.</summary>
    public static bool Agrees(string docs, string said, DescriptionRule rule = DescriptionRule.StartsWithAtSentence)
    {
        if (rule == DescriptionRule.Contained)
        {
            return said.Contains(docs, StringComparison.Ordinal);
        }

        if (!said.StartsWith(docs, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = said[docs.Length..];
        return rest.Length == 0 || rest.StartsWith(". ", StringComparison.Ordinal) || rest.StartsWith(": ", StringComparison.Ordinal)
            || rest.StartsWith("; ", StringComparison.Ordinal) || rest.StartsWith(" (", StringComparison.Ordinal)
            || (docs.EndsWith(':') && rest.StartsWith(' '));
    }

    /// <summary>Every comparison: each <c>param:</c> and <c>prop:</c> place of each docs table row with a Description cell, unless excused.</summary>
    public static IEnumerable<Compared> Checked(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract, DescriptionRule rule = DescriptionRule.StartsWithAtSentence)
    {
        var byKey = items.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in contract.Rows)
        {
            if (!byKey.TryGetValue(row.Key, out var item) || item.Kind != "table" || item.Cell("Description") is not { Length: > 0 } cell)
            {
                continue;
            }

            var named = ContractChecker.DeparturesNamed(row.Note).ToHashSet(StringComparer.Ordinal);
            var departures = contract.Departures.Where(d => named.Contains(d.Id)).ToList();
            foreach (var place in row.Locators.Where(l => l.StartsWith("param:", StringComparison.Ordinal) || l.StartsWith("prop:", StringComparison.Ordinal)))
            {
                var locator = "desc:" + place;
                if (Holder(spec, locator) is not { } holder || Excused(departures, locator, rule))
                {
                    continue; // a missing parameter or property is the locator check's to report
                }

                var errata = departures.Where(d => d.Kind == "ERRATUM" && d.Locators.Contains(locator, StringComparer.Ordinal)).ToList();
                var (docs, problem) = Corrected(DocText.Normalise(cell), errata);
                yield return new Compared(row, locator, docs, holder, problem);
            }
        }
    }

    /// <summary>
    /// The node whose <c>description</c> the generator reads for <c>desc:param:op/name</c> or <c>desc:prop:Schema/name</c>:
    /// the parameter's own, else its schema's (its $ref, allOf members followed); the property's own, else its $ref's.
    /// Null when the place names nothing or nothing there has a description.
    /// </summary>
    public static YamlMappingNode? Holder(SpecDocument spec, string locator)
    {
        var place = locator.StartsWith("desc:", StringComparison.Ordinal) ? locator["desc:".Length..] : locator;
        if (place.StartsWith("param:", StringComparison.Ordinal))
        {
            var argument = place["param:".Length..];
            var slash = argument.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || ParameterNode(spec, argument[..slash], argument[(slash + 1)..]) is not { } parameter)
            {
                return null;
            }

            return HasDescription(parameter) ? parameter : parameter.Children.TryGetValue("schema", out var schema) ? Find(spec, schema, 0) : null;
        }

        if (place.StartsWith("prop:", StringComparison.Ordinal) && SpecValue.Find(spec, place) is { } value)
        {
            return Find(spec, value.Own, 0);
        }

        return null;
    }

    public static string Description(YamlMappingNode holder)
        => holder.Children.TryGetValue("description", out var node) && node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;

    private static bool HasDescription(YamlMappingNode node) => node.Children.ContainsKey("description");

    private static YamlMappingNode? Find(SpecDocument spec, YamlNode node, int depth)
    {
        if (node is not YamlMappingNode map || depth > 20)
        {
            return null;
        }

        if (HasDescription(map))
        {
            return map;
        }

        if (map.Children.TryGetValue("$ref", out var reference) && spec.Find(((YamlScalarNode)reference).Value!) is { } target && Find(spec, target, depth + 1) is { } found)
        {
            return found;
        }

        if (map.Children.TryGetValue("allOf", out var members) && members is YamlSequenceNode list)
        {
            foreach (var member in list)
            {
                if (Find(spec, member, depth + 1) is { } inMember)
                {
                    return inMember;
                }
            }
        }

        return null;
    }

    private static YamlMappingNode? ParameterNode(SpecDocument spec, string operationId, string name)
    {
        foreach (var (_, _, item, operation) in spec.Operations())
        {
            if (!operation.Children.TryGetValue("operationId", out var id) || ((YamlScalarNode)id).Value != operationId)
            {
                continue;
            }

            foreach (var owner in new[] { item, operation })
            {
                if (owner.Children.TryGetValue("parameters", out var parameters))
                {
                    foreach (var entry in (YamlSequenceNode)parameters)
                    {
                        var parameter = spec.Resolve(entry);
                        if (parameter.Children.TryGetValue("name", out var wire) && ((YamlScalarNode)wire).Value == name)
                        {
                            return parameter;
                        }
                    }
                }
            }
        }

        return null;
    }

    private static bool Excused(List<DepartureRow> departures, string locator, DescriptionRule rule)
        => rule == DescriptionRule.AnyNamedDeparture ? departures.Count > 0 : departures.Any(d => d.Kind == "DECISION" && d.Locators.Contains(locator, StringComparer.Ordinal));

    private static (string Docs, string? Problem) Corrected(string docs, List<DepartureRow> errata)
    {
        foreach (var erratum in errata)
        {
            foreach (var (old, replacement) in ContractTexts.Corrections(erratum))
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
}
