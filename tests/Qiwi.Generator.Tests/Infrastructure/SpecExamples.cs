using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>One example of the spec: where it is, the schema it belongs to, its media type, and its value.</summary>
internal sealed record SpecExample(string Where, string Schema, string MediaType, YamlNode Value)
{
    public override string ToString() => Where;
}

/// <summary>Collects every request and response example of spec/qiwi-pull.yaml with its schema name.</summary>
internal static class SpecExamples
{
    public static IReadOnlyList<SpecExample> All { get; } = Load();

    /// <summary>A YAML value as JSON text: quoted scalars are strings, plain ones numbers, booleans or null when they look so.</summary>
    public static byte[] ToJson(YamlNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return stream.ToArray();
    }

    /// <summary>A flat YAML map as form fields (every value as its text).</summary>
    public static List<KeyValuePair<string, string>> ToForm(YamlNode node)
        => ((YamlMappingNode)node).Children.Select(p => new KeyValuePair<string, string>(((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!)).ToList();

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var pair in map.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)pair.Key).Value!);
                    Write(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
                {
                    writer.WriteStringValue(text);
                }
                else if (text is "true" or "false")
                {
                    writer.WriteBooleanValue(text == "true");
                }
                else if (text is "null" or "~")
                {
                    writer.WriteNullValue();
                }
                else if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    writer.WriteRawValue(text);
                }
                else
                {
                    writer.WriteStringValue(text);
                }

                break;
        }
    }

    private static List<SpecExample> Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryPaths.Spec)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var examples = new List<SpecExample>();
        var operations = new List<(string Where, YamlMappingNode Operation)>();
        foreach (var section in new[] { "paths", "x-webhooks" })
        {
            foreach (var path in ((YamlMappingNode)root[section]).Children)
            {
                foreach (var method in ((YamlMappingNode)path.Value).Children)
                {
                    if (method.Value is YamlMappingNode operation && operation.Children.ContainsKey("operationId"))
                    {
                        operations.Add((section + " " + path.Key + " " + method.Key, operation));
                    }
                }
            }
        }

        foreach (var (where, operation) in operations)
        {
            if (operation.Children.TryGetValue("requestBody", out var body))
            {
                Collect(root, where + " request", Resolve(root, body), examples);
            }

            if (operation.Children.TryGetValue("responses", out var responses))
            {
                foreach (var response in ((YamlMappingNode)responses).Children)
                {
                    Collect(root, where + " " + response.Key, Resolve(root, response.Value), examples);
                }
            }
        }

        return examples;
    }

    private static void Collect(YamlMappingNode root, string where, YamlMappingNode owner, List<SpecExample> into)
    {
        if (!owner.Children.TryGetValue("content", out var content))
        {
            return;
        }

        foreach (var media in ((YamlMappingNode)content).Children)
        {
            var mediaMap = (YamlMappingNode)media.Value;
            if (!mediaMap.Children.TryGetValue("schema", out var schema) || !mediaMap.Children.TryGetValue("examples", out var examples))
            {
                continue;
            }

            var schemaName = ((YamlScalarNode)((YamlMappingNode)schema)["$ref"]).Value!.Split('/')[^1];
            foreach (var example in ((YamlMappingNode)examples).Children)
            {
                var value = Resolve(root, example.Value)["value"];
                into.Add(new SpecExample(where + " " + media.Key + " " + example.Key, schemaName, ((YamlScalarNode)media.Key).Value!, value));
            }
        }
    }

    private static YamlMappingNode Resolve(YamlMappingNode root, YamlNode node)
    {
        var map = (YamlMappingNode)node;
        while (map.Children.TryGetValue("$ref", out var reference))
        {
            YamlNode current = root;
            foreach (var segment in ((YamlScalarNode)reference).Value!.TrimStart('#', '/').Split('/'))
            {
                current = ((YamlMappingNode)current)[segment.Replace("~1", "/", StringComparison.Ordinal)];
            }

            map = (YamlMappingNode)current;
        }

        return map;
    }
}
