namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// The keys changed since the data file's last save. A change marks its key after it is made (under the lock that
/// guards the change); a save takes the whole set at once and reads each key's current state afterwards, so a change
/// racing a save is either in what that save reads or marked in the fresh set for the next one. A failed save gives
/// its keys back. Keys are kept only once a data file tracks them (<see cref="Track"/>): without one, a change costs
/// one volatile read and no lock, and nothing accumulates.
/// </summary>
internal sealed class DirtySet<TKey>
    where TKey : notnull
{
    private readonly object _gate = new();
    private HashSet<TKey> _keys = new();
    private volatile bool _tracking;

    /// <summary>Keeps the keys marked from now on (a data file does this before its first load or save).</summary>
    public void Track() => _tracking = true;

    /// <summary>Marks <paramref name="key"/> changed (after the change is made); nothing while no data file tracks changes.</summary>
    public void Mark(TKey key)
    {
        if (!_tracking)
        {
            return;
        }

        lock (_gate)
        {
            _keys.Add(key);
        }
    }

    /// <summary>Takes every key marked so far; marks made afterwards go to a fresh set.</summary>
    public HashSet<TKey> Take()
    {
        lock (_gate)
        {
            var taken = _keys;
            _keys = new();
            return taken;
        }
    }

    /// <summary>Gives back the keys of a save that failed, so the next save writes them.</summary>
    public void Return(IEnumerable<TKey> keys)
    {
        lock (_gate)
        {
            _keys.UnionWith(keys);
        }
    }

    /// <summary>How many keys are marked (tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }
}
