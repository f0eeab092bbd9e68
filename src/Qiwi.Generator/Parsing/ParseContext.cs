using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>The document being read, its diagnostics, and local <c>$ref</c> resolution.</summary>
internal sealed class ParseContext
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, YamlNode?> _pointers = new(System.StringComparer.Ordinal);
    private readonly NodeSet _seen = new();

    public ParseContext(string filePath, YamlMap root, List<DiagnosticInfo> diagnostics, System.Threading.CancellationToken cancellationToken = default)
    {
        FilePath = filePath;
        Cancellation = cancellationToken;
        Root = root;
        _diagnostics = diagnostics;
        Current = root.Span;
    }

    /// <summary>Where the reader is (the schema, operation or webhook being read): where an internal error is reported.</summary>
    public SourceSpan Current { get; set; }

    public string FilePath { get; }

    /// <summary>The driver's token for this run: looked at once per schema, object, operation and webhook (<see cref="Pass"/>).</summary>
    public System.Threading.CancellationToken Cancellation { get; }

    /// <summary>A <see cref="Checkpoint"/>: throws when the run is cancelled.</summary>
    public void Pass(string kind) => Checkpoint.Pass(Cancellation, kind);

    public YamlMap Root { get; }

    public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, FilePath, span, arguments));

    /// <summary>
    /// A boolean extension's value: null when absent; when present but not an unquoted <c>true</c> or <c>false</c>
    /// (e.g. <c>yes</c> or <c>"true"</c>), QIWI0009 at its value and null, so a typo is never silently ignored.
    /// </summary>
    public bool? Flag(YamlMap map, string key, Phrase what)
    {
        if (map[key] is not YamlNode node)
        {
            return null;
        }

        var value = map.GetBool(key);
        if (value is null)
        {
            Report(DiagnosticDescriptors.InvalidExtension, node.Span, what.ToString(), "must be true or false");
        }

        return value;
    }

    /// <summary>
    /// Follows <c>$ref</c>s (local JSON pointers only) to the node they point at.
    /// Returns null, after reporting QIWI0002, when a reference cannot be resolved.
    /// <paramref name="name"/> is the last segment of the last reference followed.
    /// </summary>
    public YamlNode? Resolve(YamlNode node, out string? name)
    {
        name = null;
        var seen = _seen; // Resolve does not call itself: one set serves every call
        seen.Clear();
        while (node is YamlMap map && map["$ref"] is YamlScalar reference)
        {
            if (!seen.Add(node))
            {
                Report(DiagnosticDescriptors.Cycle, reference.Span, "The reference '" + reference.Value + "'", "following $ref leads back to it");
                return null;
            }

            var target = Follow(reference);
            if (target is null)
            {
                return null;
            }

            name = LastSegment(reference.Value);
            node = target;
        }

        return node;
    }

    /// <summary>The node a <c>$ref</c> points at; null, after QIWI0002 at the reference, when there is none.</summary>
    public YamlNode? Follow(YamlScalar reference)
    {
        var target = FindPointer(reference.Value);
        if (target is null)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, reference.Span, reference.Value,
                reference.Value.StartsWith("#/", System.StringComparison.Ordinal) ? string.Empty : " (only references within the same file, '#/...', are supported)");
        }

        return target;
    }

    public YamlMap? ResolveMap(YamlNode? node, out string? name)
    {
        name = null;
        return node is null ? null : Resolve(node, out name) as YamlMap;
    }

    /// <summary>The node at a local JSON pointer (<c>#/components/schemas/Bill</c>), or null; each pointer is walked once per spec (the tree does not change).</summary>
    public YamlNode? FindPointer(string pointer)
    {
        if (!_pointers.TryGetValue(pointer, out var node))
        {
            node = Walk(pointer);
            _pointers[pointer] = node;
        }

        return node;
    }

    private YamlNode? Walk(string pointer)
    {
        if (!pointer.StartsWith("#/", System.StringComparison.Ordinal))
        {
            return null;
        }

        YamlNode? current = Root;
        for (var from = 2; from <= pointer.Length; from++)
        {
            var slash = pointer.IndexOf('/', from);
            var end = slash < 0 ? pointer.Length : slash;
            if (current is YamlMap inMap && pointer.IndexOf('~', from, end - from) < 0)
            {
                // A segment without escapes is its own text: compared in place, no string made for it.
                current = inMap.Find(pointer, from, end - from);
                from = end;
            }
            else
            {
                var segment = pointer.Substring(from, end - from);
                if (segment.IndexOf('~') >= 0)
                {
                    segment = segment.Replace("~1", "/").Replace("~0", "~");
                }

                from = end;
                current = current switch
                {
                    YamlMap map => map[segment],
                    YamlSequence sequence when int.TryParse(segment, out var index) && index >= 0 && index < sequence.Items.Count => sequence.Items[index],
                    _ => null,
                };
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static string LastSegment(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash < 0 ? pointer : pointer.Substring(slash + 1);
    }
}
