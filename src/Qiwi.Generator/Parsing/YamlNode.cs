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
/// <remarks>Its fields are set again when a <see cref="NodeArena"/> reuses it for the next load on its thread.</remarks>
internal sealed class YamlScalar : YamlNode
{
    private int _start;
    private int _end;
    private int _startLine;
    private int _endLine;
    private int _endColumn;

    // The start column (never negative: spans come from YamlLoader.ToSpan, which clamps at 0), or its complement for a
    // quoted scalar: the flag costs no field, so a scalar is 48 bytes, not 56 (a spec has more scalars than anything else).
    private int _startColumnOrQuoted;

    public YamlScalar(string value, bool quoted, SourceSpan span)
    {
        Value = value;
        Set(value, quoted, span);
    }

    public string Value { get; private set; }

    public bool Quoted => _startColumnOrQuoted < 0;

    public override SourceSpan Span
        => new(_start, _end, _startLine, _startColumnOrQuoted < 0 ? ~_startColumnOrQuoted : _startColumnOrQuoted, _endLine, _endColumn);

    public override long Size => 1;

    /// <summary>True for an unquoted <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !Quoted && (Value.Length == 0 || Value == "~" || Value == "null");

    /// <summary>Makes this node the scalar the constructor would make (a reused node).</summary>
    internal void Set(string value, bool quoted, SourceSpan span)
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

    /// <summary>Drops the text (a node kept for reuse holds no string of a past load).</summary>
    internal void Clear() => Value = string.Empty;
}

/// <summary>A sequence.</summary>
/// <remarks>Its items are a run of an array (a <see cref="NodeArena"/>'s, shared by the sequences of one load, or its own).</remarks>
internal sealed class YamlSequence : YamlNode
{
    private YamlNode[] _items;
    private int _offset;
    private int _count;
    private long _size;
    private SourceSpan _span;

    public YamlSequence(YamlNode[] items, SourceSpan span, long size)
    {
        _items = items;
        Set(items, 0, items.Length, span, size);
    }

    public override SourceSpan Span => _span;

    public NodeList<YamlNode> Items => new(_items, _offset, _count);

    public override long Size => _size;

    /// <summary>Makes this node a sequence of <paramref name="count"/> items of <paramref name="items"/> from <paramref name="offset"/>.</summary>
    internal void Set(YamlNode[] items, int offset, int count, SourceSpan span, long size)
    {
        _items = items;
        _offset = offset;
        _count = count;
        _span = span;
        _size = size;
    }
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
/// <remarks>Its entries are a run of an array (a <see cref="NodeArena"/>'s, shared by the maps of one load, or its own).</remarks>
internal sealed class YamlMap : YamlNode
{
    /// <summary>Up to this many keys a lookup compares them in order; a larger map has a dictionary.</summary>
    internal const int SmallMap = 8;

    private YamlEntry[] _entries;
    private int _offset;
    private int _count;
    private long _size;
    private SourceSpan _span;
    private Dictionary<string, YamlNode>? _byKey;

    public YamlMap(YamlEntry[] entries, SourceSpan span, long size)
    {
        _entries = entries;
        Set(entries, 0, entries.Length, span, size);
    }

    public override SourceSpan Span => _span;

    public NodeList<YamlEntry> Entries => new(_entries, _offset, _count);

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
    /// <c>this[text.Substring(start, length)]</c> without the substring: the value of the first entry whose key is those
    /// characters (keys are unique, so the first is the one the dictionary of a large map holds), or null.
    /// </summary>
    public YamlNode? Find(string text, int start, int length)
    {
        for (var i = _offset; i < _offset + _count; i++)
        {
            var key = _entries[i].Key.Value;
            if (key.Length == length && string.CompareOrdinal(key, 0, text, start, length) == 0)
            {
                return _entries[i].Value;
            }
        }

        return null;
    }

    /// <summary>Makes this node a map of <paramref name="count"/> entries of <paramref name="entries"/> from <paramref name="offset"/> (a reused node forgets its dictionary).</summary>
    internal void Set(YamlEntry[] entries, int offset, int count, SourceSpan span, long size)
    {
        _entries = entries;
        _offset = offset;
        _count = count;
        _span = span;
        _size = size;
        _byKey = null;
    }

    /// <summary>
    /// The dictionary of a large map, built on its first lookup by key (most large maps, such as a schema's
    /// properties, are only enumerated); null for a small map. A race builds two equal dictionaries: harmless.
    /// </summary>
    private Dictionary<string, YamlNode>? ByKey()
    {
        if (_byKey is not null || _count <= SmallMap)
        {
            return _byKey;
        }

        var byKey = new Dictionary<string, YamlNode>(_count, StringComparer.Ordinal);
        for (var i = _offset; i < _offset + _count; i++)
        {
            ref readonly var entry = ref _entries[i];
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

    /// <summary>The index in the array of the first entry with the key, or -1 (in order: small maps, and a key's span).</summary>
    private int IndexOf(string key)
    {
        for (var i = _offset; i < _offset + _count; i++)
        {
            if (string.Equals(_entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The children of a node (a run of an array): indexed, counted and enumerated without allocating.</summary>
internal readonly struct NodeList<T>
{
    private static readonly T[] None = new T[0];
    private readonly T[]? _items;
    private readonly int _offset;
    private readonly int _count;

    public NodeList(T[] items)
        : this(items, 0, items.Length)
    {
    }

    public NodeList(T[] items, int offset, int count)
    {
        _items = items;
        _offset = offset;
        _count = count;
    }

    public int Count => _count;

    public T this[int index] => (uint)index < (uint)_count ? Items[_offset + index] : throw new IndexOutOfRangeException();

    private T[] Items => _items ?? None;

    public Enumerator GetEnumerator() => new(Items, _offset, _count);

    /// <summary>Enumerates a <see cref="NodeList{T}"/>.</summary>
    public struct Enumerator
    {
        private readonly T[] _items;
        private readonly int _end;
        private int _index;

        public Enumerator(T[] items, int offset, int count)
        {
            _items = items;
            _index = offset - 1;
            _end = offset + count;
        }

        public readonly T Current => _items[_index];

        public bool MoveNext() => ++_index < _end;
    }
}
