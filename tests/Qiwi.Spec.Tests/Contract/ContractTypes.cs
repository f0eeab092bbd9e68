using System.Globalization;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// The docs tables' <c>Type</c> and <c>Required</c> columns against the spec, where docs/contract.md says the spec
/// holds each item: the type, a <c>String(N)</c>'s length, a <c>Number(P.S)</c>'s places, and whether it is required.
/// A row may differ at a place that a departure named in its note (<c>(D-shop)</c>) lists: the departure says why.
/// </summary>
internal static class ContractTypes
{
    public static IEnumerable<string> Problems(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract)
    {
        foreach (var (row, type, required, locator, value) in Checked(spec, items, contract))
        {
            foreach (var difference in Differences(type, required, value))
            {
                yield return $"docs/contract.md line {row.Line}: [{row.Key}]: {difference} at {locator}; fix the spec, or name in the row's note a departure that lists this place.";
            }
        }
    }

    /// <summary>Every place the check compares: a table row's Type and Required cells, and each prop or param place of its row that no departure it names lists.</summary>
    public static IEnumerable<(ContractRow Row, DocType? Type, bool? Required, string Locator, SpecValue Value)> Checked(SpecDocument spec, IReadOnlyList<DocItem> items, ContractTable contract)
    {
        var byKey = items.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in contract.Rows)
        {
            if (!byKey.TryGetValue(row.Key, out var item) || item.Kind != "table")
            {
                continue;
            }

            var named = ContractChecker.DeparturesNamed(row.Note).ToHashSet(StringComparer.Ordinal);
            var excused = contract.Departures.Where(d => named.Contains(d.Id)).SelectMany(d => d.Locators).ToHashSet(StringComparer.Ordinal);
            var type = DocType.Parse(item.Cell("Type"));
            var required = DocType.Required(item.Cell("Required"));
            foreach (var locator in row.Locators)
            {
                if (!excused.Contains(locator) && SpecValue.Find(spec, locator) is { } value)
                {
                    yield return (row, type, required, locator, value);
                }
            }
        }
    }

    private static IEnumerable<string> Differences(DocType? type, bool? required, SpecValue value)
    {
        if (type is not null)
        {
            var specType = value.Type?.Value ?? "no type";
            if (specType != type.Kind)
            {
                yield return $"the docs type it {type}, the spec {specType}";
            }

            // A pattern that matches nothing longer than N (Currency's ^[A-Z]{3}$) says String(N) as well as maxLength does.
            var bound = value.MaxLength is null && value.Pattern?.Value is { } pattern ? PatternLength.Longest(pattern) : null;
            if (type.MaxLength is { } length && value.MaxLength?.Value != length.ToString(CultureInfo.InvariantCulture) && bound != length)
            {
                yield return $"the docs type it {type}, the spec's maxLength is {value.MaxLength?.Value ?? "not set"}"
                    + (value.Pattern is null ? string.Empty : bound is null ? " and its pattern bounds no length" : $" and its pattern matches up to {bound}");
            }

            if (type.Scale is { } scale && value.Scale?.Value != scale.ToString(CultureInfo.InvariantCulture))
            {
                yield return $"the docs type it {type}, the spec's x-qiwi-decimal scale is {value.Scale?.Value ?? "not set"}";
            }
        }

        if (required is { } docsRequired && docsRequired != value.Required)
        {
            yield return docsRequired ? "the docs require it, the spec does not" : "the spec requires it, the docs do not";
        }
    }
}
