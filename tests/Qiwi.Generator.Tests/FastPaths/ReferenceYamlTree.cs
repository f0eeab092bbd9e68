using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Parsing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// An independent, simple reading of YamlLoader's rules, written as recursive descent over YamlDotNet's events
/// (test inputs are shallow): the loader's tree as a text dump (aliases expanded, every span and size) and its
/// diagnostics, so that the iterative loader with reused frames can be compared against it. Rules: the first
/// document only, of at most <see cref="YamlLimits.MaxDocumentLength"/> characters; a repeated key is reported and dropped (the first one counts); a map or sequence as a key is
/// reported and its entry dropped; an alias inside its own anchor is a cycle and an unknown alias an error (both
/// read as an empty scalar); more than <see cref="YamlLimits.MaxDepth"/> open levels or
/// <see cref="YamlLimits.MaxExpandedNodes"/> expanded nodes stops loading with QIWI0016 and no tree.
/// </summary>
internal sealed class ReferenceYamlTree
{
    private const string Path = "/ref.yaml";
    private readonly Parser _parser;
    private readonly Dictionary<string, Node> _anchors = new();
    private readonly Dictionary<string, object> _open = new();
    private long _expanded;
    private int _depth;

    private ReferenceYamlTree(string text) => _parser = new Parser(new StringReader(text));

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    /// <summary>The dump of the tree (null when nothing loaded) and the diagnostics; a YAML syntax error ends them with a "syntax" entry.</summary>
    public static (string? Tree, List<DiagnosticInfo> Diagnostics, bool SyntaxError) Load(string text)
    {
        var reference = new ReferenceYamlTree(text);
        if (text.Length > YamlLimits.MaxDocumentLength)
        {
            reference.Report(DiagnosticDescriptors.LimitExceeded, TextPositions.At(text, YamlLimits.MaxDocumentLength),
                "document size (" + YamlLimits.MaxDocumentLength + " characters; the file has " + text.Length + ")");
            return (null, reference.Diagnostics, false);
        }

        try
        {
            var root = reference.Document();
            return (root?.Dump, reference.Diagnostics, false);
        }
        catch (Stop)
        {
            return (null, reference.Diagnostics, false);
        }
        catch (Exception exception) when (exception is not Stop)
        {
            return (null, reference.Diagnostics, true);
        }
    }

    private ParsingEvent? Next() => _parser.MoveNext() ? _parser.Current : null;

    private Node? Document()
    {
        Node? root = null;
        while (Next() is { } parsingEvent)
        {
            switch (parsingEvent)
            {
                case DocumentStart:
                    root = Value(Next()!);
                    if (root is not null)
                    {
                        Next(); // the document's end, where the loader stops (or a syntax error after the root)
                    }

                    return Empty(root);
                case StreamEnd:
                    return Empty(root);
            }
        }

        return Empty(root);
    }

    private Node? Empty(Node? root)
    {
        if (root is null)
        {
            Report(DiagnosticDescriptors.InvalidYaml, SourceSpan.Empty, "the file is empty");
        }

        return root;
    }

    /// <summary>Reads the node that starts with <paramref name="first"/>; null at a document's end.</summary>
    private Node? Value(ParsingEvent first)
    {
        switch (first)
        {
            case Scalar scalar:
            {
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                var node = Node.Scalar(scalar.Value ?? string.Empty, quoted, YamlLoader.ToSpan(scalar.Start, scalar.End));
                if (!scalar.Anchor.IsEmpty)
                {
                    _open.Remove(scalar.Anchor.Value);
                    _anchors[scalar.Anchor.Value] = node;
                }

                Count(1, YamlLoader.ToSpan(scalar.Start, scalar.End));
                return node;
            }

            case AnchorAlias alias:
            {
                var name = alias.Value.Value;
                var span = YamlLoader.ToSpan(alias.Start, alias.End);
                Node node;
                if (_open.ContainsKey(name))
                {
                    Report(DiagnosticDescriptors.Cycle, span, "The alias *" + name, "it is used inside the node &" + name + " it repeats");
                    node = Node.Scalar(string.Empty, false, span);
                }
                else if (_anchors.TryGetValue(name, out var target))
                {
                    node = target;
                }
                else
                {
                    Report(DiagnosticDescriptors.InvalidYaml, span, "the alias *" + name + " has no anchor &" + name + " before it");
                    node = Node.Scalar(string.Empty, false, span);
                }

                Count(node.Size, span);
                return node;
            }

            case MappingStart or SequenceStart:
                return Collection((NodeEvent)first);
            default:
                return null;
        }
    }

    private Node Collection(NodeEvent start)
    {
        var isMap = start is MappingStart;
        if (_depth >= YamlLimits.MaxDepth)
        {
            Fail(YamlLoader.ToSpan(start.Start, start.Start), "nesting depth (" + YamlLimits.MaxDepth + " levels of maps and sequences)");
        }

        Count(1, YamlLoader.ToSpan(start.Start, start.Start));
        var anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
        var token = new object();
        if (anchor is not null)
        {
            _anchors.Remove(anchor);
            _open[anchor] = token;
        }

        _depth++;
        var children = new List<Node>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long size = 1;
        ParsingEvent next;
        while ((next = Next()!) is not (MappingEnd or SequenceEnd))
        {
            var child = Value(next)!;
            size += child.Size;
            if (!isMap)
            {
                children.Add(child);
                continue;
            }

            if (child.Key is null)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, child.Span, "A map or sequence used as a key", "keys must be plain text");
            }
            else
            {
                // As the loader does when it takes a key: an x-qiwi- key no extension has is reported (QIWI0017).
                UnknownExtensions.Check(child.Key, child.Span, Path, Diagnostics);
            }

            var value = Value(Next()!)!;
            size += value.Size;
            if (child.Key is not { } key)
            {
                continue;
            }

            if (!keys.Add(key))
            {
                Report(DiagnosticDescriptors.InvalidYaml, child.Span, "the key '" + key + "' is repeated in this map (the first one is used)");
            }
            else
            {
                children.Add(Node.Entry(child, value));
            }
        }

        _depth--;
        var node = Node.Collection(isMap, children, YamlLoader.ToSpan(start.Start, next.End), size);
        if (anchor is not null && _open.TryGetValue(anchor, out var open) && open == token)
        {
            _open.Remove(anchor);
            _anchors[anchor] = node;
        }

        return node;
    }

    private void Count(long nodes, SourceSpan at)
    {
        _expanded += nodes;
        if (_expanded > YamlLimits.MaxExpandedNodes)
        {
            Fail(at, "expanded nodes (" + YamlLimits.MaxExpandedNodes + " nodes, counting every node an alias repeats)");
        }
    }

    private void Fail(SourceSpan at, string limit)
    {
        Report(DiagnosticDescriptors.LimitExceeded, at, limit);
        throw new Stop();
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments)
        => Diagnostics.Add(DiagnosticInfo.Create(descriptor, Path, span, arguments));

    /// <summary>Loading stopped at a limit.</summary>
    private sealed class Stop : Exception;

    /// <summary>A node as its dump: kind, span, size and content, aliases expanded.</summary>
    private sealed class Node
    {
        private Node(string dump, SourceSpan span, long size, string? key)
        {
            Dump = dump;
            Span = span;
            Size = size;
            Key = key;
        }

        public string Dump { get; }

        public SourceSpan Span { get; }

        public long Size { get; }

        /// <summary>The scalar's text when this node can be a key.</summary>
        public string? Key { get; }

        public static Node Scalar(string value, bool quoted, SourceSpan span)
            => new(YamlDump.Scalar(value, quoted, span), span, 1, value);

        public static Node Entry(Node key, Node value) => new(key.Dump + ": " + value.Dump, key.Span, 0, null);

        public static Node Collection(bool isMap, List<Node> children, SourceSpan span, long size)
            => new(YamlDump.Collection(isMap, children.Select(child => child.Dump), span, size), span, size, null);
    }
}

/// <summary>One text form for a loaded tree and the reference's, so that the two compare as strings.</summary>
internal static class YamlDump
{
    public static string Scalar(string value, bool quoted, SourceSpan span)
        => (quoted ? "'" : "") + value.Replace("\\", "\\\\").Replace("\n", "\\n") + (quoted ? "'" : "") + Span(span);

    public static string Collection(bool isMap, IEnumerable<string> children, SourceSpan span, long size)
        => (isMap ? "{" : "[") + string.Join(", ", children) + (isMap ? "}" : "]") + Span(span) + "#" + size;

    /// <summary>The dump of a loaded node, aliases expanded.</summary>
    public static string Of(YamlNode node) => node switch
    {
        YamlScalar scalar => Scalar(scalar.Value, scalar.Quoted, scalar.Span),
        YamlSequence sequence => Collection(false, Children(sequence), sequence.Span, sequence.Size),
        YamlMap map => Collection(true, Entries(map), map.Span, map.Size),
        _ => throw new ArgumentException("unknown node", nameof(node)),
    };

    private static IEnumerable<string> Children(YamlSequence sequence)
    {
        foreach (var item in sequence.Items)
        {
            yield return Of(item);
        }
    }

    private static IEnumerable<string> Entries(YamlMap map)
    {
        foreach (var entry in map.Entries)
        {
            // Lookups by key agree with the entries (the first of a key; small maps scan, large ones hash).
            if (!ReferenceEquals(map[entry.Key.Value], entry.Value) || !map.Contains(entry.Key.Value) || map.KeySpan(entry.Key.Value) != entry.Key.Span)
            {
                throw new InvalidOperationException("lookup of '" + entry.Key.Value + "' disagrees with the entries");
            }

            yield return Scalar(entry.Key.Value, entry.Key.Quoted, entry.Key.Span) + ": " + Of(entry.Value);
        }
    }

    private static string Span(SourceSpan span) => "@" + span.Start + "-" + span.End + "(" + span.StartLine + ":" + span.StartColumn + "-" + span.EndLine + ":" + span.EndColumn + ")";
}
