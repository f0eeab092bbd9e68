using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

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
