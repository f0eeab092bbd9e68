using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>Turns examples into JSON values: YAML by scalar style, XML guided by the schema's xml names and types.</summary>
internal static class ExampleValues
{
    public static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, FromYaml(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(FromYaml).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>Query-string text coerced to the parameter's schema type.</summary>
    public static JsonNode? FromText(string text, string? type) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        "number" when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        "boolean" when text is "true" or "false" => JsonValue.Create(text == "true"),
        _ => JsonValue.Create(text),
    };

    /// <summary>An XML example as a JSON value. Fails on malformed XML, a wrong root, or a repeated element.</summary>
    public static JsonNode? FromXml(SpecDocument spec, string xml, YamlMappingNode schema, List<string> errors)
    {
        var root = XDocument.Parse(xml).Root!;
        var expected = spec.Resolve(schema).Children.TryGetValue("xml", out var x) ? ((YamlScalarNode)((YamlMappingNode)x)["name"]).Value : null;
        if (root.Name.LocalName != expected)
        {
            errors.Add($"the root element is <{root.Name.LocalName}>, the schema's xml name is <{expected}>");
        }

        return Element(spec, root, schema, errors);
    }

    private static JsonNode? Element(SpecDocument spec, XElement element, YamlNode schemaNode, List<string> errors)
    {
        var schema = Effective(spec, schemaNode);
        var type = schema.Children.TryGetValue("type", out var t) ? ((YamlScalarNode)t).Value : null;
        if (type != "object")
        {
            return FromText(element.Value, type);
        }

        var properties = (YamlMappingNode)schema["properties"];
        var result = new JsonObject();
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            if (result.ContainsKey(name))
            {
                errors.Add($"<{name}> appears twice in <{element.Name.LocalName}>");
                continue;
            }

            result[name] = properties.Children.TryGetValue(name, out var childSchema)
                ? Element(spec, child, childSchema, errors)
                : JsonValue.Create(child.Value);
        }

        return result;
    }

    private static YamlMappingNode Effective(SpecDocument spec, YamlNode schemaNode)
    {
        var schema = spec.Resolve(schemaNode);
        return schema.Children.TryGetValue("allOf", out var allOf) ? Effective(spec, ((YamlSequenceNode)allOf)[0]) : schema;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (SpecDocument.IsQuoted(scalar))
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
