using System.Collections.Concurrent;
using System.Threading;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// Whether .NET compiles a pattern, remembered for at most <see cref="MaxCount"/> patterns of at most
/// <see cref="MaxLength"/> characters and shared by concurrent generator runs. The bound is exact: a slot is
/// reserved (an interlocked counter) before a pattern is added and given back if another run added the same
/// pattern first, so the table never holds more than <see cref="MaxCount"/> entries, and a miss never takes
/// the dictionary's locks to count it. Entries are never removed.
/// </summary>
internal sealed class PatternValidityCache
{
    private readonly ConcurrentDictionary<string, bool> _known = new(System.StringComparer.Ordinal);
    private int _reserved;

    public PatternValidityCache(int maxCount, int maxLength)
    {
        MaxCount = maxCount;
        MaxLength = maxLength;
    }

    public int MaxCount { get; }

    public int MaxLength { get; }

    /// <summary>The patterns remembered (the dictionary's own count: for tests, it takes every lock).</summary>
    public int Count => _known.Count;

    public bool TryGet(string pattern, out bool valid) => _known.TryGetValue(pattern, out valid);

    /// <summary>Remembers an answer when the pattern is short enough and a slot is free; otherwise does nothing.</summary>
    public void Remember(string pattern, bool valid)
    {
        if (pattern.Length > MaxLength || Volatile.Read(ref _reserved) >= MaxCount)
        {
            return;
        }

        if (Interlocked.Increment(ref _reserved) > MaxCount)
        {
            Interlocked.Decrement(ref _reserved);
            return;
        }

        if (!_known.TryAdd(pattern, valid))
        {
            Interlocked.Decrement(ref _reserved); // another run added it first: its slot is given back
        }
    }
}
