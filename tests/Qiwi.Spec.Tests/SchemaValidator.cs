using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>
/// Validates a value against an OpenAPI 3.0 Schema Object, for exactly the keywords the spec uses.
/// A keyword it does not know is itself an error, so nothing can pass unchecked.
/// </summary>
internal sealed class SchemaValidator(SpecDocument spec)
{
    private static readonly HashSet<string> Known =
    [
        "type", "format", "enum", "pattern", "minLength", "maxLength", "minimum", "exclusiveMinimum", "maximum",
        "exclusiveMaximum", "required", "properties", "additionalProperties", "items", "allOf", "default",
        "description", "xml", "nullable", "example", "$ref",
    ];

    private static readonly HashSet<string> KnownFormats = ["int64", "int32", "decimal", "uri"];

    public List<string> Validate(JsonNode? value, YamlNode schemaNode, string path)
    {
        var errors = new List<string>();
        Check(value, schemaNode, path, errors);
        return errors;
    }

    private void Check(JsonNode? value, YamlNode schemaNode, string path, List<string> errors)
    {
        var schema = spec.Resolve(schemaNode);
        foreach (var key in schema.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!))
        {
            if (!Known.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                errors.Add($"{path}: the schema at {SpecDocument.At(schema)} uses '{key}', which the validator does not know");
            }
        }

        if (schema.Children.TryGetValue("allOf", out var allOf))
        {
            foreach (var part in (YamlSequenceNode)allOf)
            {
                Check(value, part, path, errors);
            }
        }

        if (value is null)
        {
            if (Text(schema, "nullable") != "true")
            {
                errors.Add($"{path}: null is not allowed");
            }

            return;
        }

        var type = Text(schema, "type");
        if (type is not null && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {value.ToJsonString()}");
            return;
        }

        if (Text(schema, "format") is string format && !KnownFormats.Contains(format))
        {
            errors.Add($"{path}: unknown format '{format}' at {SpecDocument.At(schema)}");
        }

        if (schema.Children.TryGetValue("enum", out var enumNode))
        {
            var allowed = ((YamlSequenceNode)enumNode).Children.Cast<YamlScalarNode>().Select(s => s.Value).ToList();
            if (!allowed.Contains(Scalar(value)))
            {
                errors.Add($"{path}: {value.ToJsonString()} is not one of [{string.Join(", ", allowed)}]");
            }
        }

        if (value is JsonValue && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (Text(schema, "pattern") is string pattern && !Regex.IsMatch(text, pattern))
            {
                errors.Add($"{path}: '{text}' does not match {pattern}");
            }

            if (Int(schema, "minLength") is int min && text.Length < min)
            {
                errors.Add($"{path}: '{text}' is shorter than {min}");
            }

            if (Int(schema, "maxLength") is int max && text.Length > max)
            {
                errors.Add($"{path}: '{text}' is longer than {max}");
            }

            if (Text(schema, "format") == "uri" && !Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                errors.Add($"{path}: '{text}' is not an absolute URI");
            }

            if (Text(schema, "format") == "decimal" && !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"{path}: '{text}' is not a decimal");
            }
        }

        if (value is JsonValue && value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            var number = Number(value);
            if (Text(schema, "minimum") is string minimum)
            {
                var bound = decimal.Parse(minimum, CultureInfo.InvariantCulture);
                if (Text(schema, "exclusiveMinimum") == "true" ? number <= bound : number < bound)
                {
                    errors.Add($"{path}: {number} is below the minimum {minimum}");
                }
            }

            if (Text(schema, "maximum") is string maximum && number > decimal.Parse(maximum, CultureInfo.InvariantCulture))
            {
                errors.Add($"{path}: {number} is above the maximum {maximum}");
            }
        }

        if (value is JsonObject obj)
        {
            var properties = schema.Children.TryGetValue("properties", out var p) ? (YamlMappingNode)p : new YamlMappingNode();
            if (schema.Children.TryGetValue("required", out var required))
            {
                foreach (var name in ((YamlSequenceNode)required).Children.Cast<YamlScalarNode>())
                {
                    if (!obj.ContainsKey(name.Value!))
                    {
                        errors.Add($"{path}: the required property '{name.Value}' is missing");
                    }
                }
            }

            foreach (var (name, child) in obj)
            {
                if (properties.Children.TryGetValue(name, out var propertySchema))
                {
                    Check(child, propertySchema, path + "." + name, errors);
                }
                else if (schema.Children.TryGetValue("additionalProperties", out var additional))
                {
                    if (additional is YamlMappingNode additionalSchema)
                    {
                        Check(child, additionalSchema, path + "." + name, errors);
                    }
                    else if (((YamlScalarNode)additional).Value == "false")
                    {
                        errors.Add($"{path}: the property '{name}' is not allowed");
                    }
                }
                else if (type == "object" && !schema.Children.ContainsKey("allOf"))
                {
                    // Examples are the docs' samples: a property the schema does not describe is a spec gap.
                    errors.Add($"{path}: the property '{name}' is not in the schema");
                }
            }
        }
    }

    private static bool HasType(JsonNode value, string type)
    {
        var kind = value.GetValueKind();
        return type switch
        {
            "object" => kind == System.Text.Json.JsonValueKind.Object,
            "array" => kind == System.Text.Json.JsonValueKind.Array,
            "string" => kind == System.Text.Json.JsonValueKind.String,
            "boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "number" => kind == System.Text.Json.JsonValueKind.Number,
            "integer" => kind == System.Text.Json.JsonValueKind.Number && Number(value) == decimal.Truncate(Number(value)),
            _ => false,
        };
    }

    private static decimal Number(JsonNode value) => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? Scalar(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static string? Text(YamlMappingNode map, string key)
        => map.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static int? Int(YamlMappingNode map, string key) => Text(map, key) is string text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
