using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// Where the spec holds a docs item, written in docs/contract.md as a locator, and the check that it does:
/// <list type="bullet">
/// <item><c>op:createBill</c>: an operation with that operationId;</item>
/// <item><c>path:/form</c>: a path item;</item>
/// <item><c>param:webForm/summ</c>: a parameter of the operation (or of its path item), <c>$ref</c>s followed;</item>
/// <item><c>prop:Bill/originAmount</c>: a property of a components schema;</item>
/// <item><c>code:ResultCode/215</c>: a value of the schema's <c>enum</c> (when it has one) and of its <c>x-qiwi-enum</c>;</item>
/// <item><c>text:ResultCode/215</c>: the description of that value's <c>x-qiwi-enum</c> entry (what a departure about its words lists);</item>
/// <item><c>media:getBillStatus/text/xml</c>: a media type of the operation's success response;</item>
/// <item><c>body:createBill/application/x-www-form-urlencoded</c>: a media type of the operation's request body;</item>
/// <item><c>scheme:apiBasic</c>: a security scheme;</item>
/// <item><c>ptr:#/json/pointer</c> or <c>ptr:#/json/pointer=value</c>: a node (with that scalar value).</item>
/// </list>
/// </summary>
internal static class SpecLocator
{
    /// <summary>Null when the spec holds what the locator names; otherwise what is missing.</summary>
    public static string? Check(SpecDocument spec, string locator)
    {
        var colon = locator.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return $"'{locator}' is not a locator";
        }

        var kind = locator[..colon];
        var argument = locator[(colon + 1)..];
        var (owner, name) = Split(argument);
        return kind switch
        {
            "op" => Operation(spec, argument) is null ? $"no operation {argument}" : null,
            "path" => spec.Find("#/paths/" + argument.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)) is null ? $"no path {argument}" : null,
            "param" => Parameter(spec, owner, name),
            "prop" => Property(spec, owner, name),
            "code" => Code(spec, owner, name),
            "text" => ContractTexts.Entry(spec, locator) is { } entry && ContractTexts.Description(entry).Length > 0 ? null : $"{owner}'s x-qiwi-enum has no description of {name}",
            "desc" => ContractDescriptions.Holder(spec, locator) is { } holder && ContractDescriptions.Description(holder).Length > 0 ? null : $"no description at {argument}",
            "media" => Media(spec, owner, name, body: false),
            "body" => Media(spec, owner, name, body: true),
            "scheme" => spec.Find("#/components/securitySchemes/" + argument) is null ? $"no security scheme {argument}" : null,
            "ptr" => Pointer(spec, argument),
            _ => $"'{kind}' is not a kind of locator",
        };
    }

    private static (string Owner, string Name) Split(string argument)
    {
        var slash = argument.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (argument, string.Empty) : (argument[..slash], argument[(slash + 1)..]);
    }

    private static (YamlMappingNode Item, YamlMappingNode Operation)? Operation(SpecDocument spec, string operationId)
    {
        foreach (var (_, _, item, operation) in spec.Operations())
        {
            if (operation.Children.TryGetValue("operationId", out var id) && ((YamlScalarNode)id).Value == operationId)
            {
                return (item, operation);
            }
        }

        return null;
    }

    private static string? Parameter(SpecDocument spec, string operationId, string name)
    {
        if (Operation(spec, operationId) is not var (item, operation))
        {
            return $"no operation {operationId}";
        }

        foreach (var owner in new[] { item, operation })
        {
            if (owner.Children.TryGetValue("parameters", out var list))
            {
                foreach (var entry in (YamlSequenceNode)list)
                {
                    if (Resolve(spec, entry) is { } parameter
                        && parameter.Children.TryGetValue("name", out var wire) && ((YamlScalarNode)wire).Value == name)
                    {
                        return null;
                    }
                }
            }
        }

        return $"{operationId} has no parameter {name}";
    }

    /// <summary>Follows $refs; null when one does not resolve (a removed component).</summary>
    private static YamlMappingNode? Resolve(SpecDocument spec, YamlNode node)
    {
        var map = node as YamlMappingNode;
        for (var depth = 0; map is not null && map.Children.TryGetValue("$ref", out var reference) && depth < 20; depth++)
        {
            map = spec.Find(((YamlScalarNode)reference).Value!) as YamlMappingNode;
        }

        return map;
    }

    private static string? Property(SpecDocument spec, string schema, string name)
        => spec.Find("#/components/schemas/" + schema) is not YamlMappingNode map ? $"no schema {schema}"
            : map.Children.TryGetValue("properties", out var properties) && ((YamlMappingNode)properties).Children.ContainsKey(name) ? null
            : $"{schema} has no property {name}";

    private static string? Code(SpecDocument spec, string schema, string value)
    {
        if (spec.Find("#/components/schemas/" + schema) is not YamlMappingNode map)
        {
            return $"no schema {schema}";
        }

        // An open set (no enum: Currency) names its well-known values in x-qiwi-enum only.
        var inEnum = !map.Children.TryGetValue("enum", out var list) || ((YamlSequenceNode)list).Children.Any(v => ((YamlScalarNode)v).Value == value);
        var named = map.Children.TryGetValue("x-qiwi-enum", out var entries)
            && ((YamlSequenceNode)entries).Children.Cast<YamlMappingNode>().Any(e => ((YamlScalarNode)e["value"]).Value == value);
        return (inEnum, named) switch
        {
            (true, true) => null,
            (false, _) => $"{schema}'s enum has no {value}",
            _ => $"{schema}'s x-qiwi-enum has no {value}",
        };
    }

    private static string? Media(SpecDocument spec, string operationId, string mediaType, bool body)
    {
        if (Operation(spec, operationId) is not var (_, operation))
        {
            return $"no operation {operationId}";
        }

        YamlMappingNode? owner = null;
        if (body)
        {
            owner = operation.Children.TryGetValue("requestBody", out var requestBody) ? Resolve(spec, requestBody) : null;
        }
        else if (operation.Children.TryGetValue("responses", out var responses))
        {
            var success = ((YamlMappingNode)responses).Children.FirstOrDefault(p => ((YamlScalarNode)p.Key).Value!.StartsWith('2')).Value;
            owner = success is null ? null : Resolve(spec, success);
        }

        return owner is not null && owner.Children.TryGetValue("content", out var content) && ((YamlMappingNode)content).Children.ContainsKey(mediaType)
            ? null
            : $"{operationId}'s {(body ? "request body" : "success response")} has no {mediaType}";
    }

    private static string? Pointer(SpecDocument spec, string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        var pointer = equals < 0 ? argument : argument[..equals];
        var node = spec.Find(pointer);
        if (node is null)
        {
            return $"nothing at {pointer}";
        }

        return equals < 0 || (node is YamlScalarNode scalar && scalar.Value == argument[(equals + 1)..]) ? null : $"{pointer} is not '{argument[(equals + 1)..]}'";
    }
}
