using System;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// The strings of short slices of one text, each distinct slice allocated once: a spec repeats its keys and
/// small values (<c>type</c>, <c>string</c>, <c>description</c>) thousands of times but has only a few hundred
/// distinct ones. An open-addressing table compared against the text in place, so a repeat costs no allocation.
/// One pool per thread is reused from load to load and emptied when returned, so it keeps no string of a past load.
/// </summary>
internal sealed class SlicePool
{
    /// <summary>Longer slices (descriptions, mostly unique) are not pooled.</summary>
    public const int MaxLength = 48;

    private const int InitialSlots = 1024;

    // A slice is compared with at most this many others before it is given its own string.
    private const int MaxProbes = 8;

    // A pool grown past this by an unusual text is dropped rather than kept for the next load.
    private const int MaxKeptSlots = 8192;

    [System.ThreadStatic]
    private static SlicePool? _spare;

    private string?[] _slots = new string?[InitialSlots];
    private int _count;

    private SlicePool()
    {
    }

    /// <summary>This thread's empty pool, or a new one.</summary>
    public static SlicePool Rent()
    {
        var pool = _spare ?? new SlicePool();
        _spare = null;
        return pool;
    }

    /// <summary>Empties <paramref name="pool"/> and keeps it for this thread's next load.</summary>
    public static void Return(SlicePool pool)
    {
        if (pool._slots.Length > MaxKeptSlots)
        {
            return;
        }

        System.Array.Clear(pool._slots, 0, pool._slots.Length);
        pool._count = 0;
        _spare = pool;
    }

    /// <summary><c>text.Substring(start, length)</c>, the same string object for the same characters.</summary>
    public string Get(string text, int start, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        if (length > MaxLength)
        {
            return text.Substring(start, length);
        }

        var hash = Hash(length, text[start], text[start + (length / 2)], text[start + length - 1]);
        var mask = _slots.Length - 1;
        for (int i = (int)(hash & (uint)mask), probes = 0; ; i = (i + 1) & mask, probes++)
        {
            if (probes == MaxProbes)
            {
                return text.Substring(start, length); // slices built to collide are not pooled: each costs a few compares at most
            }

            var slot = _slots[i];
            if (slot is null)
            {
                slot = text.Substring(start, length);
                _slots[i] = slot;
                if (++_count * 2 > _slots.Length)
                {
                    Grow();
                }

                return slot;
            }

            if (slot.Length == length && slot.AsSpan().SequenceEqual(text.AsSpan(start, length)))
            {
                return slot;
            }
        }
    }

    /// <summary>
    /// A hash of a slice from its length and three of its characters: constant time, since a slice is compared in
    /// full anyway when its slot is found (keys of one length and ends, such as <c>x-qiwi-...</c>, only probe further).
    /// </summary>
    private static uint Hash(int length, char first, char middle, char last)
        => Mix(unchecked(((((uint)length * 16777619u) ^ first) * 16777619u ^ middle) * 16777619u ^ last) * 2654435769u);

    private static uint Mix(uint hash) => hash ^ (hash >> 15);

    private void Grow()
    {
        var old = _slots;
        _slots = new string?[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var value in old)
        {
            if (value is null)
            {
                continue;
            }

            var hash = Hash(value.Length, value[0], value[value.Length / 2], value[value.Length - 1]);
            var i = (int)(hash & (uint)mask);
            while (_slots[i] is not null)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = value;
        }
    }
}
