using System.Collections.Concurrent;

namespace Qiwi.AspNetCore;

/// <summary>
/// Lets the copies of one notification (one <see cref="QiwiNotificationKey"/>) through one at a time within one
/// endpoint of one process; copies of different notifications never wait for each other. A copy that arrives while
/// another is being handled waits (asynchronously; leaving when its request is aborted) until that one finishes,
/// then asks the store itself, so it sees the first copy's mark.
/// </summary>
/// <remarks>
/// One <see cref="Entry"/> per key in flight, created by the first copy and removed by the last one out, under
/// the entry's own lock: a copy that found an entry being removed takes a fresh one. Nothing is kept once no copy
/// of the key is in flight. Keys share no lock but the table's own (<see cref="ConcurrentDictionary{TKey,TValue}"/>:
/// striped, held only while an entry is added or removed), and no lock is held while a copy is handled.
/// Waiting copies queue in arrival order; the holder, when it leaves, hands the gate to the first of them.
/// </remarks>
internal sealed class QiwiNotificationGate
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Tests only: called between the look-up of a key's entry and taking its lock (where the last copy may leave).</summary>
    internal Action? AfterLookup { get; set; }

    /// <summary>The keys in flight (held, or waited for): zero when no notification is being handled.</summary>
    internal int Count => _entries.Count;

    /// <summary>The copies of <paramref name="key"/> waiting for the gate (not counting the one holding it).</summary>
    internal int WaitingFor(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return 0;
        }

        lock (entry)
        {
            var count = 0;
            for (var waiter = entry.First; waiter is not null; waiter = waiter.Next)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>
    /// Holds the gate of <paramref name="key"/> until the returned lease is disposed (once). Throws
    /// <see cref="OperationCanceledException"/>, holding nothing, when <paramref name="cancellationToken"/> is
    /// cancelled before the gate is held.
    /// </summary>
    public ValueTask<Lease> EnterAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var entry = _entries.GetOrAdd(key, static _ => new Entry());
            AfterLookup?.Invoke();
            Waiter waiter;
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue; // the last copy left between the look-up and the lock: take a fresh entry
                }

                if (!entry.Held)
                {
                    entry.Held = true;
                    return new ValueTask<Lease>(new Lease(this, key, entry));
                }

                waiter = new Waiter(entry);
                entry.Enqueue(waiter);
            }

            return WaitAsync(new Lease(this, key, entry), waiter, cancellationToken);
        }
    }

    private static async ValueTask<Lease> WaitAsync(Lease lease, Waiter waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(static (state, token) => ((Waiter)state!).Withdraw(token), waiter))
        {
            await waiter.Task.ConfigureAwait(false); // throws when withdrawn: then the waiter holds nothing
        }

        if (cancellationToken.IsCancellationRequested)
        {
            lease.Dispose(); // handed the gate just as the request was aborted: pass it on
            cancellationToken.ThrowIfCancellationRequested();
        }

        return lease;
    }

    private void Exit(string key, Entry entry)
    {
        Waiter? next;
        lock (entry)
        {
            next = entry.Dequeue();
            if (next is null)
            {
                entry.Held = false;
                entry.Removed = true;
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }

        next?.TrySetResult(); // the gate is next's from the moment it left the queue
    }

    /// <summary>The gate of one key, held: dispose it exactly once to let the next copy in.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly QiwiNotificationGate _gate;
        private readonly string _key;
        private readonly Entry _entry;

        internal Lease(QiwiNotificationGate gate, string key, Entry entry)
        {
            _gate = gate;
            _key = key;
            _entry = entry;
        }

        /// <summary>Lets the next waiting copy in, or removes the key when none waits.</summary>
        public void Dispose() => _gate.Exit(_key, _entry);
    }

    /// <summary>One key in flight: whether a copy holds it, and the copies waiting (a list in arrival order). Locked on itself.</summary>
    internal sealed class Entry
    {
        public bool Held;
        public bool Removed;
        public Waiter? First;
        private Waiter? _last;

        public void Enqueue(Waiter waiter)
        {
            if (_last is null)
            {
                First = waiter;
            }
            else
            {
                _last.Next = waiter;
            }

            _last = waiter;
        }

        public Waiter? Dequeue()
        {
            var first = First;
            if (first is not null)
            {
                First = first.Next;
                if (First is null)
                {
                    _last = null;
                }
            }

            return first;
        }

        /// <summary>Takes <paramref name="waiter"/> out of the queue; false when it is not there (it was handed the gate).</summary>
        public bool Remove(Waiter waiter)
        {
            Waiter? previous = null;
            for (var current = First; current is not null; previous = current, current = current.Next)
            {
                if (current != waiter)
                {
                    continue;
                }

                if (previous is null)
                {
                    First = current.Next;
                }
                else
                {
                    previous.Next = current.Next;
                }

                if (_last == current)
                {
                    _last = previous;
                }

                return true;
            }

            return false;
        }
    }

    /// <summary>A copy waiting for the gate: completed when handed it, cancelled when its request is aborted first.</summary>
    internal sealed class Waiter(Entry entry) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public Waiter? Next;

        /// <summary>
        /// Leaves the queue and cancels the wait, unless the gate was handed over already. Never empties the entry:
        /// while a copy waits, another holds the gate and removes the entry when it leaves.
        /// </summary>
        public void Withdraw(CancellationToken cancellationToken)
        {
            bool removed;
            lock (entry)
            {
                removed = entry.Remove(this);
            }

            if (removed)
            {
                TrySetCanceled(cancellationToken);
            }
        }
    }
}
