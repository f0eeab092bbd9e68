using System.Collections.Generic;
using System.IO;
using Qiwi.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Generator.Parsing;

/// <summary>Loads YAML text into <see cref="YamlNode"/>s that remember where they came from.</summary>
internal static class YamlLoader
{
    /// <summary>Loads the first document of <paramref name="text"/>; on a syntax error returns null and the error.</summary>
    public static YamlNode? Load(string text, out string? error, out SourceSpan errorSpan)
    {
        error = null;
        errorSpan = SourceSpan.Empty;
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            error = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
            errorSpan = ToSpan(exception.Start, exception.End);
            return null;
        }
        catch (System.InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws this on some malformed input (an unclosed flow sequence):
            // still a YAML error, reported where the parser had got to.
            error = exception.Message;
            errorSpan = parser.Current is { } current ? ToSpan(current.Start, current.End) : SourceSpan.Empty;
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            error = "the file is empty";
            return null;
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static YamlNode Convert(YamlDotNet.RepresentationModel.YamlNode node)
    {
        var span = ToSpan(node.Start, node.End);
        switch (node)
        {
            case YamlMappingNode map:
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>(map.Children.Count);
                foreach (var child in map.Children)
                {
                    var key = Convert(child.Key) as YamlScalar ?? new YamlScalar(string.Empty, quoted: true, ToSpan(child.Key.Start, child.Key.End));
                    entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, Convert(child.Value)));
                }

                return new YamlMap(entries, span);
            case YamlSequenceNode sequence:
                var items = new List<YamlNode>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    items.Add(Convert(child));
                }

                return new YamlSequence(items, span);
            case YamlScalarNode scalar:
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                return new YamlScalar(scalar.Value ?? string.Empty, quoted, span);
            default:
                return new YamlScalar(string.Empty, quoted: false, span);
        }
    }

    private static SourceSpan ToSpan(Mark start, Mark end)
        => new(
            (int)start.Index,
            (int)System.Math.Max(start.Index, end.Index),
            (int)System.Math.Max(0, start.Line - 1),
            (int)System.Math.Max(0, start.Column - 1),
            (int)System.Math.Max(0, end.Line - 1),
            (int)System.Math.Max(0, end.Column - 1));
}
