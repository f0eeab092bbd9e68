using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// Makes an OpenAPI document <c>factor</c> times larger for the scaling figures: copy k (2..factor) of every path
/// is <c>/copy{k}{path}</c> with operation ids (and x-qiwi-outcome-read links) suffixed <c>Copy{k}</c>, and copy k of every component schema,
/// parameter and response is named <c>{name}Copy{k}</c>, every <c>$ref</c> inside a copy pointing at the same copy.
/// Examples, security schemes, webhooks and the root extensions stay shared. Factor 1 is the document as it is,
/// passed through the same YAML writer so every size is written alike.
/// </summary>
internal static partial class SpecScaler
{
    private static readonly string[] CopiedComponents = ["schemas", "parameters", "responses"];

    public static string Scale(string yaml, int factor)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var paths = (YamlMappingNode)root[new YamlScalarNode("paths")];
        var components = (YamlMappingNode)root[new YamlScalarNode("components")];
        var originalPaths = paths.Children.ToList();
        var originalComponents = CopiedComponents
            .Where(name => components.Children.ContainsKey(new YamlScalarNode(name)))
            .Select(name => (Section: (YamlMappingNode)components[new YamlScalarNode(name)], Entries: ((YamlMappingNode)components[new YamlScalarNode(name)]).Children.ToList()))
            .ToList();
        for (var k = 2; k <= factor; k++)
        {
            var suffix = "Copy" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (key, value) in originalPaths)
            {
                paths.Add(new YamlScalarNode($"/copy{k}{((YamlScalarNode)key).Value}"), Clone(value, suffix));
            }

            foreach (var (section, entries) in originalComponents)
            {
                foreach (var (key, value) in entries)
                {
                    section.Add(new YamlScalarNode(((YamlScalarNode)key).Value + suffix), Clone(value, suffix));
                }
            }
        }

        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);

        // YamlDotNet ends the document with '...', which no hand-written spec has and the generator's fast reader
        // leaves to YamlDotNet: without it the copies read as the spec itself does.
        var scaled = writer.ToString();
        return scaled.EndsWith("...\n", StringComparison.Ordinal) ? scaled[..^4] : scaled;
    }

    /// <summary>A deep copy whose component references, operation ids and status-read links carry <paramref name="suffix"/>.</summary>
    private static YamlNode Clone(YamlNode node, string suffix, string? key = null) => node switch
    {
        YamlMappingNode mapping => new YamlMappingNode(mapping.Children.Select(e => new KeyValuePair<YamlNode, YamlNode>(
            Clone(e.Key, suffix), Clone(e.Value, suffix, (e.Key as YamlScalarNode)?.Value)))) { Style = mapping.Style },
        YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(c => Clone(c, suffix))) { Style = sequence.Style },
        YamlScalarNode scalar => new YamlScalarNode(Rewrite(scalar.Value, suffix, key)) { Style = scalar.Style, Tag = scalar.Tag },
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string? Rewrite(string? value, string suffix, string? key) => (key, value) switch
    {
        (_, null) => null,
        ("operationId", _) => value + suffix,
        ("operation", _) => value + suffix, // x-qiwi-outcome-read's status read: the copy's own
        ("$ref", _) when ComponentReference().IsMatch(value) => value + suffix,
        _ => value,
    };

    [GeneratedRegex("^#/components/(schemas|parameters|responses)/[^/]+$")]
    private static partial Regex ComponentReference();
}
