using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>spec/qiwi-pull.yaml loaded with YamlDotNet, with local $ref resolution and line numbers for messages.</summary>
internal sealed class SpecDocument
{
    private static readonly Lazy<SpecDocument> LazyCurrent = new(() => Load(PathOfSpec()));

    private SpecDocument(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>The spec (or the file named by QIWI_SPEC_PATH, to prove the tests fail on a broken copy).</summary>
    public static SpecDocument Current => LazyCurrent.Value;

    public string Path { get; }

    public YamlMappingNode Root { get; }

    public static SpecDocument Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>A spec from its text (a fresh tree: tests may change it in memory).</summary>
    public static SpecDocument Parse(string text, string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new SpecDocument(path, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    public static string At(YamlNode node) => $"line {node.Start.Line}";

    public YamlMappingNode Map(params string[] keys)
    {
        YamlNode node = Root;
        foreach (var key in keys)
        {
            node = ((YamlMappingNode)node)[key];
        }

        return (YamlMappingNode)node;
    }

    /// <summary>The node at a local JSON pointer (map keys and sequence indexes), or null.</summary>
    public YamlNode? Find(string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        YamlNode? node = Root;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                YamlMappingNode map => map.Children.TryGetValue(segment, out var child) ? child : null,
                YamlSequenceNode list => int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < list.Children.Count ? list.Children[index] : null,
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Follows $refs to a map; fails the test with the spec line when one does not resolve.</summary>
    public YamlMappingNode Resolve(YamlNode node)
    {
        var map = (YamlMappingNode)node;
        for (var depth = 0; map.Children.TryGetValue("$ref", out var reference); depth++)
        {
            Assert.True(depth < 20, $"$ref cycle at {At(reference)}");
            var target = Find(((YamlScalarNode)reference).Value!);
            Assert.True(target is YamlMappingNode, $"$ref '{reference}' at {At(reference)} does not resolve to a map");
            map = (YamlMappingNode)target!;
        }

        return map;
    }

    /// <summary>Every operation under paths and x-webhooks, with its path item.</summary>
    public IEnumerable<(string Where, string Path, YamlMappingNode PathItem, YamlMappingNode Operation)> Operations()
    {
        string[] methods = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];
        foreach (var section in new[] { "paths", "x-webhooks" })
        {
            foreach (var entry in Map(section).Children)
            {
                var item = Resolve(entry.Value);
                foreach (var method in item.Children)
                {
                    var name = ((YamlScalarNode)method.Key).Value!;
                    if (methods.Contains(name))
                    {
                        yield return ($"{section} {entry.Key} {name}", ((YamlScalarNode)entry.Key).Value!, item, (YamlMappingNode)method.Value);
                    }
                }
            }
        }
    }

    public static bool IsQuoted(YamlScalarNode scalar)
        => scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

    /// <summary>The repository's root: the folder above the test's output that holds spec/qiwi-pull.yaml.</summary>
    public static string RepositoryRoot => Qiwi.Testing.RepositoryRoot.Path;

    private static string PathOfSpec()
    {
        var overridden = Environment.GetEnvironmentVariable("QIWI_SPEC_PATH");
        return string.IsNullOrEmpty(overridden) ? System.IO.Path.Combine(RepositoryRoot, "spec", "qiwi-pull.yaml") : overridden;
    }
}
