using System;
using System.Collections.Generic;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// The nodes of one load, reused from load to load on a thread: scalar, map and sequence objects, and one array
/// each for the entries of every map and the items of every sequence (a map is a run of the entry array). A load
/// into an arena allocates no node and no child array once the thread has read a spec of that size; the GC neither
/// zeroes nor collects them. Only <see cref="SpecReader.Read"/> uses it: the tree lives while the spec is read into a
/// model (which keeps no node) and is handed back, its strings dropped, before the next load on the thread.
/// A tree from an arena is valid only until the arena is returned.
/// </summary>
internal sealed class NodeArena
{
    // An arena grown past this (about nine times the nodes of spec/qiwi-pull.yaml) is dropped rather than kept for the
    // next load: what a thread keeps between reads stays under about 1.5 MB however large a spec it read.
    private const int MaxKeptNodes = 1 << 14;

    [ThreadStatic]
    private static NodeArena? _spare;

    private readonly List<YamlScalar> _scalars = new();
    private readonly List<YamlMap> _maps = new();
    private readonly List<YamlSequence> _sequences = new();
    private YamlEntry[] _entries = new YamlEntry[256];
    private YamlNode[] _items = new YamlNode[64];
    private int _usedScalars;
    private int _usedMaps;
    private int _usedSequences;
    private int _usedEntries;
    private int _usedItems;

    private NodeArena()
    {
    }

    /// <summary>This thread's arena, or a new one; it holds no node of a past load.</summary>
    public static NodeArena Rent()
    {
        var arena = _spare ?? new NodeArena();
        _spare = null;
        return arena;
    }

    /// <summary>Drops every string and child the used nodes hold and keeps <paramref name="arena"/> for this thread's next load; its trees are invalid after.</summary>
    public static void Return(NodeArena arena)
    {
        arena.Rewind();
        if (arena._scalars.Count + arena._maps.Count + arena._sequences.Count <= MaxKeptNodes
            && arena._entries.Length <= MaxKeptNodes && arena._items.Length <= MaxKeptNodes)
        {
            _spare = arena;
        }
    }

    /// <summary>Forgets every node handed out (a load given up on starts again); they keep no string or child.</summary>
    public void Rewind()
    {
        for (var i = 0; i < _usedScalars; i++)
        {
            _scalars[i].Clear();
        }

        var empty = Array.Empty<YamlEntry>();
        for (var i = 0; i < _usedMaps; i++)
        {
            _maps[i].Set(empty, 0, 0, default, 0);
        }

        var none = Array.Empty<YamlNode>();
        for (var i = 0; i < _usedSequences; i++)
        {
            _sequences[i].Set(none, 0, 0, default, 0);
        }

        Array.Clear(_entries, 0, _usedEntries);
        Array.Clear(_items, 0, _usedItems);
        _usedScalars = _usedMaps = _usedSequences = _usedEntries = _usedItems = 0;
    }

    /// <summary>A scalar: what <c>new YamlScalar(value, quoted, span)</c> makes.</summary>
    public YamlScalar Scalar(string value, bool quoted, SourceSpan span)
    {
        if (_usedScalars < _scalars.Count)
        {
            var scalar = _scalars[_usedScalars++];
            scalar.Set(value, quoted, span);
            return scalar;
        }

        var added = new YamlScalar(value, quoted, span);
        _scalars.Add(added);
        _usedScalars++;
        return added;
    }

    /// <summary>A map of <paramref name="entries"/> (copied): what <c>new YamlMap(entries.ToArray(), span, size)</c> makes.</summary>
    public YamlMap Map(List<YamlEntry> entries, SourceSpan span, long size)
    {
        var count = entries.Count;
        var offset = Place(ref _entries, ref _usedEntries, entries);
        if (_usedMaps == _maps.Count)
        {
            _maps.Add(new YamlMap(Array.Empty<YamlEntry>(), default, 0));
        }

        var map = _maps[_usedMaps++];
        map.Set(_entries, offset, count, span, size);
        return map;
    }

    /// <summary>A sequence of <paramref name="items"/> (copied): what <c>new YamlSequence(items.ToArray(), span, size)</c> makes.</summary>
    public YamlSequence Sequence(List<YamlNode> items, SourceSpan span, long size)
    {
        var count = items.Count;
        var offset = Place(ref _items, ref _usedItems, items);
        if (_usedSequences == _sequences.Count)
        {
            _sequences.Add(new YamlSequence(Array.Empty<YamlNode>(), default, 0));
        }

        var sequence = _sequences[_usedSequences++];
        sequence.Set(_items, offset, count, span, size);
        return sequence;
    }

    /// <summary>
    /// Copies <paramref name="children"/> into the run array and returns where they start. When they do not fit, the
    /// nodes made so far keep the full array, and this and later nodes use a larger one (kept for the next load).
    /// </summary>
    private static int Place<T>(ref T[] run, ref int used, List<T> children)
    {
        var count = children.Count;
        if (used + count > run.Length)
        {
            run = new T[Math.Max(run.Length * 2, count)];
            used = 0;
        }

        var offset = used;
        children.CopyTo(run, offset);
        used += count;
        return offset;
    }
}
