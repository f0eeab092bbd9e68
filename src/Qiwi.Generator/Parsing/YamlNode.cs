using System;
using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>A node of the loaded YAML document with the place it came from.</summary>
internal abstract class YamlNode
{
    /// <summary>Where the node is in the file.</summary>
    public abstract SourceSpan Span { get; }

    /// <summary>Nodes in this subtree with every alias expanded (itself included): what walking it costs.</summary>
    public abstract long Size { get; }
}

/// <summary>A scalar: its text and whether it was quoted (a quoted scalar is always a string).</summary>
internal sealed class YamlScalar : YamlNode
{
    private readonly int _start;
    private readonly int _end;
    private readonly int _startLine;
    private readonly int _endLine;
    private readonly int _endColumn;

    // The start column (never negative: spans come from YamlLoader.ToSpan, which clamps at 0), or its complement for a
    // quoted scalar: the flag costs no field, so a scalar is 48 bytes, not 56 (a spec has more scalars than anything else).
    private readonly int _startColumnOrQuoted;

    public YamlScalar(string value, bool quoted, SourceSpan span)
    {
        Value = value;
        _start = span.Start;
        _end = span.End;
        _startLine = span.StartLine;
        _endLine = span.EndLine;
        _endColumn = span.EndColumn;
        var column = Math.Max(0, span.StartColumn);
        _startColumnOrQuoted = quoted ? ~column : column;
    }

    public string Value { get; }

    public bool Quoted => _startColumnOrQuoted < 0;

    public override SourceSpan Span
        => new(_start, _end, _startLine, _startColumnOrQuoted < 0 ? ~_startColumnOrQuoted : _startColumnOrQuoted, _endLine, _endColumn);

    public override long Size => 1;

    /// <summary>True for an unquoted <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !Quoted && (Value.Length == 0 || Value == "~" || Value == "null");
}

/// <summary>A sequence.</summary>
internal sealed class YamlSequence : YamlNode
{
    private readonly long _size;

    public YamlSequence(YamlNode[] items, SourceSpan span, long size)
    {
        Items = new NodeList<YamlNode>(items);
        Span = span;
        _size = size;
    }

    public override SourceSpan Span { get; }

    public NodeList<YamlNode> Items { get; }

    public override long Size => _size;
}

/// <summary>
/// A key of a map: its text, whether it was quoted, and where it is. A value, not a node: a spec has more keys
/// than any other scalar, and keeping them inside the map's entries spares an object per key. A key on one line
/// (every key the fast reader reads, and nearly every other) keeps its span as four numbers; any other key keeps
/// its text and span in a small object.
/// </summary>
internal readonly struct YamlKey
{
    private readonly object _value; // the text, or a Spanned
    private readonly int _start;
    private readonly int _end;
    private readonly int _line;

    // The column (never negative), or its complement for a quoted key: the flag costs no field (an entry is 32 bytes, not 40).
    private readonly int _columnOrQuoted;

    public YamlKey(string value, bool quoted, SourceSpan span)
    {
        var column = 0;
        if (span.EndLine == span.StartLine && span.EndColumn - span.StartColumn == span.End - span.Start && span.StartColumn >= 0)
        {
            _value = value;
            _start = span.Start;
            _end = span.End;
            _line = span.StartLine;
            column = span.StartColumn;
        }
        else
        {
            _value = new Spanned(value, span);
            _start = _end = _line = 0;
        }

        _columnOrQuoted = quoted ? ~column : column;
    }

    public string Value => _value as string ?? ((Spanned)_value).Value;

    public bool Quoted => _columnOrQuoted < 0;

    private int Column => _columnOrQuoted < 0 ? ~_columnOrQuoted : _columnOrQuoted;

    public SourceSpan Span => _value is Spanned spanned ? spanned.Span : new SourceSpan(_start, _end, _line, Column, _line, Column + (_end - _start));

    /// <summary>A key whose span is not one line's run of characters.</summary>
    private sealed class Spanned
    {
        public Spanned(string value, SourceSpan span)
        {
            Value = value;
            Span = span;
        }

        public string Value { get; }

        public SourceSpan Span { get; }
    }
}

/// <summary>An entry of a map: its key and its value (fields, so that reading a key in place copies nothing).</summary>
internal readonly struct YamlEntry
{
    public readonly YamlKey Key;

    public readonly YamlNode Value;

    public YamlEntry(YamlKey key, YamlNode value)
    {
        Key = key;
        Value = value;
    }
}

/// <summary>A mapping with its keys in document order (unique: the loader reports and drops repeated keys).</summary>
internal sealed class YamlMap : YamlNode
{
    /// <summary>Up to this many keys a lookup compares them in order; a larger map has a dictionary.</summary>
    internal const int SmallMap = 8;

    private readonly YamlEntry[] _entries;
    private readonly long _size;
    private Dictionary<string, YamlNode>? _byKey;

    public YamlMap(YamlEntry[] entries, SourceSpan span, long size)
    {
        _entries = entries;
        Span = span;
        _size = size;
    }

    public override SourceSpan Span { get; }

    public NodeList<YamlEntry> Entries => new(_entries);

    public override long Size => _size;

    public YamlNode? this[string key]
    {
        get
        {
            if (ByKey() is { } byKey)
            {
                return byKey.TryGetValue(key, out var value) ? value : null;
            }

            var index = IndexOf(key);
            return index >= 0 ? _entries[index].Value : null;
        }
    }

    public bool Contains(string key) => ByKey()?.ContainsKey(key) ?? IndexOf(key) >= 0;

    /// <summary>
    /// The dictionary of a large map, built on its first lookup by key (most large maps, such as a schema's
    /// properties, are only enumerated); null for a small map. A race builds two equal dictionaries: harmless.
    /// </summary>
    private Dictionary<string, YamlNode>? ByKey()
    {
        if (_byKey is not null || _entries.Length <= SmallMap)
        {
            return _byKey;
        }

        var byKey = new Dictionary<string, YamlNode>(_entries.Length, StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            if (!byKey.ContainsKey(entry.Key.Value))
            {
                byKey[entry.Key.Value] = entry.Value; // the loader reports duplicates; the first one counts
            }
        }

        System.Threading.Volatile.Write(ref _byKey, byKey);
        return byKey;
    }

    /// <summary>The span of the key <paramref name="key"/>, or of the whole map when it is absent.</summary>
    public SourceSpan KeySpan(string key)
    {
        var index = IndexOf(key);
        return index >= 0 ? _entries[index].Key.Span : Span;
    }

    /// <summary>The index of the first entry with the key, or -1 (in order: small maps, and a key's span).</summary>
    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The children of a node: indexed, counted and enumerated without allocating.</summary>
internal readonly struct NodeList<T>
{
    private static readonly T[] None = new T[0];
    private readonly T[]? _items;

    public NodeList(T[] items) => _items = items;

    public int Count => Items.Length;

    public T this[int index] => Items[index];

    private T[] Items => _items ?? None;

    public Enumerator GetEnumerator() => new(Items);

    /// <summary>Enumerates a <see cref="NodeList{T}"/>.</summary>
    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        public Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        public readonly T Current => _items[_index];

        public bool MoveNext() => ++_index < _items.Length;
    }
}
