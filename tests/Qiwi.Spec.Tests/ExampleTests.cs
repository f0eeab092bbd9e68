using System.Text.Json.Nodes;
using System.Xml;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>Every example of the spec validates against its schema, XML ones included.</summary>
public sealed class ExampleTests
{
    private static SpecDocument Spec => SpecDocument.Current;

    [Fact]
    public void Every_media_type_and_parameter_example_validates()
    {
        var validator = new SchemaValidator(Spec);
        var errors = new List<string>();
        var count = 0;
        foreach (var (where, _, item, operation) in Spec.Operations())
        {
            foreach (var parameter in Parameters(item).Concat(Parameters(operation)))
            {
                if (parameter.Children.TryGetValue("examples", out var examples))
                {
                    foreach (var example in ((YamlMappingNode)examples).Children)
                    {
                        var value = ((YamlMappingNode)example.Value)["value"];
                        errors.AddRange(validator.Validate(ExampleValues.FromYaml(value), parameter["schema"], $"{where} parameter {parameter["name"]} example {example.Key}"));
                        count++;
                    }
                }
            }

            var owners = new List<(string, YamlMappingNode)>();
            if (operation.Children.TryGetValue("requestBody", out var body))
            {
                owners.Add(("request", Spec.Resolve(body)));
            }

            owners.AddRange(((YamlMappingNode)operation["responses"]).Children.Select(r => (((YamlScalarNode)r.Key).Value!, Spec.Resolve(r.Value))));
            foreach (var (label, owner) in owners)
            {
                if (!owner.Children.TryGetValue("content", out var content))
                {
                    continue;
                }

                foreach (var media in ((YamlMappingNode)content).Children)
                {
                    var mediaType = ((YamlScalarNode)media.Key).Value!;
                    var mediaMap = (YamlMappingNode)media.Value;
                    if (!mediaMap.Children.TryGetValue("examples", out var examples))
                    {
                        continue;
                    }

                    var schema = (YamlMappingNode)mediaMap["schema"];
                    foreach (var example in ((YamlMappingNode)examples).Children)
                    {
                        var path = $"{where} {label} {mediaType} example {example.Key}";
                        var value = Spec.Resolve(example.Value)["value"];
                        JsonNode? json;
                        if (mediaType.Contains("xml", StringComparison.Ordinal))
                        {
                            var xmlErrors = new List<string>();
                            try
                            {
                                json = ExampleValues.FromXml(Spec, ((YamlScalarNode)value).Value!, schema, xmlErrors);
                            }
                            catch (XmlException exception)
                            {
                                errors.Add($"{path} ({SpecDocument.At(value)}): not well-formed XML: {exception.Message}");
                                continue;
                            }

                            errors.AddRange(xmlErrors.Select(e => $"{path} ({SpecDocument.At(value)}): {e}"));
                        }
                        else
                        {
                            json = ExampleValues.FromYaml(value);
                        }

                        errors.AddRange(validator.Validate(json, schema, path).Select(e => $"{e} ({SpecDocument.At(value)})"));
                        count++;
                    }
                }
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(count >= 100, $"Only {count} examples were validated.");
    }

    [Fact]
    public void Every_redirect_example_url_matches_its_operation()
    {
        var validator = new SchemaValidator(Spec);
        var errors = new List<string>();
        var count = 0;
        foreach (var (where, path, item, operation) in Spec.Operations().Where(o => o.Operation.Children.ContainsKey("x-qiwi-redirect")))
        {
            var redirect = (YamlMappingNode)operation["x-qiwi-redirect"];
            var inbound = ((YamlScalarNode)redirect["kind"]).Value == "inbound";
            var server = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)item["servers"])[0])["url"]).Value!;
            var parameters = Parameters(item).Concat(Parameters(operation)).ToDictionary(p => ((YamlScalarNode)p["name"]).Value!);
            foreach (var example in ((YamlSequenceNode)redirect["examples"]).Children.Cast<YamlMappingNode>())
            {
                var url = new Uri(((YamlScalarNode)example["url"]).Value!);
                if (!inbound)
                {
                    Check(errors, url.GetLeftPart(UriPartial.Path) == server + path, $"{where}: {url} is not on {server}{path}");
                }

                var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('=', 2))
                    .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty));
                foreach (var (name, value) in query)
                {
                    if (!parameters.TryGetValue(name, out var parameter))
                    {
                        Check(errors, inbound, $"{where}: {url} has '{name}', which is not a parameter");
                        continue;
                    }

                    var schema = Spec.Resolve(parameter["schema"]);
                    var type = schema.Children.TryGetValue("type", out var t) ? ((YamlScalarNode)t).Value : null;
                    errors.AddRange(validator.Validate(ExampleValues.FromText(value, type), parameter["schema"], $"{where} {url} {name}"));
                }

                foreach (var (name, parameter) in parameters)
                {
                    var required = parameter.Children.TryGetValue("required", out var r) && ((YamlScalarNode)r).Value == "true";
                    Check(errors, !required || query.ContainsKey(name), $"{where}: {url} lacks the required '{name}'");
                }

                count++;
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(9, count);
    }

    private static void Check(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }

    private static IEnumerable<YamlMappingNode> Parameters(YamlMappingNode owner)
        => owner.Children.TryGetValue("parameters", out var list) ? ((YamlSequenceNode)list).Select(Spec.Resolve) : [];
}
