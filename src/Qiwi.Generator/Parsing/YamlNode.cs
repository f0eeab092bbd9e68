using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>A node of the loaded YAML document with the place it came from.</summary>
internal abstract class YamlNode
{
    protected YamlNode(SourceSpan span, long size)
    {
        Span = span;
        Size = size;
    }

    /// <summary>Where the node is in the file.</summary>
    public SourceSpan Span { get; }

    /// <summary>Nodes in this subtree with every alias expanded (itself included): what walking it costs.</summary>
    public long Size { get; }
}

/// <summary>A scalar: its text and whether it was quoted (a quoted scalar is always a string).</summary>
internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, bool quoted, SourceSpan span) : base(span, 1)
    {
        Value = value;
        Quoted = quoted;
    }

    public string Value { get; }

    public bool Quoted { get; }

    /// <summary>True for an unquoted <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !Quoted && (Value.Length == 0 || Value == "~" || Value == "null");
}

/// <summary>A sequence.</summary>
internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(IReadOnlyList<YamlNode> items, SourceSpan span, long size) : base(span, size) => Items = items;

    public IReadOnlyList<YamlNode> Items { get; }
}

/// <summary>A mapping with its keys in document order (unique: the loader reports and drops repeated keys).</summary>
internal sealed class YamlMap : YamlNode
{
    private readonly Dictionary<string, YamlNode> _byKey;

    public YamlMap(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries, SourceSpan span, long size) : base(span, size)
    {
        Entries = entries;
        _byKey = new Dictionary<string, YamlNode>(entries.Count);
        foreach (var entry in entries)
        {
            if (!_byKey.ContainsKey(entry.Key.Value))
            {
                _byKey[entry.Key.Value] = entry.Value; // the loader reports duplicates; the first one counts
            }
        }
    }

    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; }

    public YamlNode? this[string key] => _byKey.TryGetValue(key, out var node) ? node : null;

    public bool Contains(string key) => _byKey.ContainsKey(key);

    /// <summary>The span of the key <paramref name="key"/>, or of the whole map when it is absent.</summary>
    public SourceSpan KeySpan(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key.Span;
            }
        }

        return Span;
    }
}
