using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>What a docs table's <c>Type</c> column says of a value: <c>String(20)</c>, <c>Integer</c>, <c>Number(6.2)</c>, <c>Object</c>, <c>Boolean</c>.</summary>
/// <param name="Kind">The JSON Schema type the spec must give it (<c>string</c>, <c>integer</c>, <c>number</c>, <c>object</c>, <c>boolean</c>).</param>
/// <param name="MaxLength">For <c>String(N)</c>, N.</param>
/// <param name="Scale">For <c>Number(P.S)</c>, S: the places the spec's <c>x-qiwi-decimal</c> keeps.</param>
internal sealed partial record DocType(string Kind, int? MaxLength, int? Scale)
{
    /// <summary>The type a <c>Type</c> cell names, or null for a cell that names none (<c>-</c>, empty).</summary>
    public static DocType? Parse(string? cell)
    {
        var text = (cell ?? string.Empty).Trim();
        if (Sized().Match(text) is { Success: true } sized)
        {
            var size = int.Parse(sized.Groups["size"].Value, CultureInfo.InvariantCulture);
            return sized.Groups["kind"].Value.Equals("String", StringComparison.OrdinalIgnoreCase)
                ? new DocType("string", size, null)
                : new DocType("number", null, sized.Groups["scale"].Success ? int.Parse(sized.Groups["scale"].Value, CultureInfo.InvariantCulture) : 0);
        }

        // "String (predefined)", "URL-encoded string", "dateTime" and "YYYY-MM-DDTHHMM" are texts on the wire.
        return text switch
        {
            _ when text.StartsWith("String", StringComparison.OrdinalIgnoreCase) || text.EndsWith("string", StringComparison.OrdinalIgnoreCase) => new DocType("string", null, null),
            _ when text.Equals("dateTime", StringComparison.OrdinalIgnoreCase) || text.StartsWith("YYYY", StringComparison.Ordinal) => new DocType("string", null, null),
            _ when text.StartsWith("Integer", StringComparison.OrdinalIgnoreCase) => new DocType("integer", null, null),
            _ when text.StartsWith("Boolean", StringComparison.OrdinalIgnoreCase) => new DocType("boolean", null, null),
            _ when text.StartsWith("Object", StringComparison.OrdinalIgnoreCase) => new DocType("object", null, null),
            _ when text.StartsWith("Number", StringComparison.OrdinalIgnoreCase) => new DocType("number", null, null),
            _ => null,
        };
    }

    /// <summary>A <c>Required</c> cell: <c>Y</c> and <c>+</c> are required, <c>N</c> and <c>-</c> are not; anything else says nothing.</summary>
    public static bool? Required(string? cell) => (cell ?? string.Empty).Trim() switch
    {
        "Y" or "+" => true,
        "N" or "-" => false,
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        "string" when MaxLength is { } n => $"String({n})",
        "number" when Scale is { } s => $"a number of {s} places",
        _ => Kind,
    };

    [GeneratedRegex(@"^(?<kind>String|Number)\s*\(\s*(?<size>[0-9]+)(\.(?<scale>[0-9]+))?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Sized();
}

/// <summary>
/// The value a <c>prop:</c> or <c>param:</c> locator names, as the spec types it: its own keys first, then what its
/// <c>$ref</c> and <c>allOf</c> members say. Each fact keeps the node that holds it, so that a test can change it.
/// </summary>
internal sealed class SpecValue
{
    public YamlScalarNode? Type { get; private set; }

    public YamlScalarNode? MaxLength { get; private set; }

    public YamlScalarNode? Scale { get; private set; }

    public YamlScalarNode? Pattern { get; private set; }

    /// <summary>The value's own schema node (a property's, a parameter's <c>schema</c>): its keys win over its $ref's.</summary>
    public YamlMappingNode Own { get; private set; } = new();

    /// <summary>Whether the spec requires the value (a parameter's <c>required</c>, a property in its schema's <c>required</c>).</summary>
    public bool Required { get; init; }

    /// <summary>Flips <see cref="Required"/> in the spec (for a test proving the check notices).</summary>
    public Action? FlipRequired { get; init; }

    /// <summary>The value's schema, or null when the locator is not a prop or param, or names nothing (the locator check reports that).</summary>
    public static SpecValue? Find(SpecDocument spec, string locator)
    {
        var colon = locator.IndexOf(':', StringComparison.Ordinal);
        var slash = locator.IndexOf('/', StringComparison.Ordinal);
        if (colon < 0 || slash < colon)
        {
            return null;
        }

        var (kind, owner, name) = (locator[..colon], locator[(colon + 1)..slash], locator[(slash + 1)..]);
        return kind switch
        {
            "prop" => Property(spec, owner, name),
            "param" => Parameter(spec, owner, name),
            _ => null,
        };
    }

    private static SpecValue? Property(SpecDocument spec, string schemaName, string name)
    {
        if (spec.Find("#/components/schemas/" + schemaName) is not YamlMappingNode schema
            || !schema.Children.TryGetValue("properties", out var properties)
            || !((YamlMappingNode)properties).Children.TryGetValue(name, out var property))
        {
            return null;
        }

        var list = schema.Children.TryGetValue("required", out var required) ? (YamlSequenceNode)required : null;
        var value = new SpecValue
        {
            Required = list is not null && list.Children.Any(n => ((YamlScalarNode)n).Value == name),
            FlipRequired = () =>
            {
                if (list is null)
                {
                    schema.Children.Add("required", new YamlSequenceNode(new YamlScalarNode(name)));
                }
                else if (list.Children.FirstOrDefault(n => ((YamlScalarNode)n).Value == name) is { } entry)
                {
                    list.Children.Remove(entry);
                }
                else
                {
                    list.Children.Add(new YamlScalarNode(name));
                }
            },
        };
        value.Own = (YamlMappingNode)property;
        value.Collect(spec, property, 0);
        return value;
    }

    private static SpecValue? Parameter(SpecDocument spec, string operationId, string name)
    {
        foreach (var (_, _, item, operation) in spec.Operations())
        {
            if (!operation.Children.TryGetValue("operationId", out var id) || ((YamlScalarNode)id).Value != operationId)
            {
                continue;
            }

            foreach (var owner in new[] { item, operation })
            {
                if (!owner.Children.TryGetValue("parameters", out var parameters))
                {
                    continue;
                }

                foreach (var entry in (YamlSequenceNode)parameters)
                {
                    var parameter = spec.Resolve(entry);
                    if (!parameter.Children.TryGetValue("name", out var wire) || ((YamlScalarNode)wire).Value != name)
                    {
                        continue;
                    }

                    var required = parameter.Children.TryGetValue("required", out var flag) && ((YamlScalarNode)flag).Value == "true";
                    var value = new SpecValue
                    {
                        Required = required,
                        FlipRequired = () => parameter.Children[new YamlScalarNode("required")] = new YamlScalarNode(required ? "false" : "true"),
                    };
                    if (parameter.Children.TryGetValue("schema", out var schema) && schema is YamlMappingNode own)
                    {
                        value.Own = own;
                        value.Collect(spec, own, 0);
                    }

                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>The node's own keys win; then its $ref's, then each allOf member's, in order.</summary>
    private void Collect(SpecDocument spec, YamlNode node, int depth)
    {
        if (node is not YamlMappingNode map || depth > 20)
        {
            return;
        }

        Type ??= Scalar(map, "type");
        MaxLength ??= Scalar(map, "maxLength");
        Pattern ??= Scalar(map, "pattern");
        if (Scale is null && map.Children.TryGetValue("x-qiwi-decimal", out var decimalRule) && decimalRule is YamlMappingNode rule)
        {
            Scale = Scalar(rule, "scale");
        }

        if (map.Children.TryGetValue("$ref", out var reference) && spec.Find(((YamlScalarNode)reference).Value!) is { } target)
        {
            Collect(spec, target, depth + 1);
        }

        if (map.Children.TryGetValue("allOf", out var members) && members is YamlSequenceNode list)
        {
            foreach (var member in list)
            {
                Collect(spec, member, depth + 1);
            }
        }
    }

    private static YamlScalarNode? Scalar(YamlMappingNode map, string key)
        => map.Children.TryGetValue(key, out var node) ? node as YamlScalarNode : null;
}

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
