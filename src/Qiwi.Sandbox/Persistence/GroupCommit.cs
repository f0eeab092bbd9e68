namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// Commits shared by the requests that wait for them. <see cref="WaitAsync"/> returns a task that completes when a
/// commit that began after the call has completed (faulted with that commit's exception when it failed); every call
/// made while a commit runs waits for the next one, and that next one is a single commit for all of them. One commit
/// runs at a time, on the thread pool; nothing runs while nobody waits.
/// </summary>
/// <remarks>
/// Why a waiter's change is in the commit it is released by: a caller marks its change before it calls
/// <see cref="WaitAsync"/>, and a commit detaches its waiters (under the gate) before it begins, so before it takes
/// the changed keys. A change marked before the detach is therefore in that commit, or in an earlier commit that had
/// completed before it began (commits do not overlap), or given back by an earlier one that failed before it began.
/// </remarks>
internal sealed class GroupCommit(Action commit)
{
    private readonly object _gate = new();

    // Under _gate: the task of the next commit, shared by everyone waiting for it (null while nobody waits), and
    // whether a commit loop is running (it runs commits until nobody waits).
    private TaskCompletionSource? _next;
    private bool _running;
    private long _commits;

    /// <summary>How many commits completed (tests).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>Completes once a commit that began after this call has completed; faults when that commit failed.</summary>
    public Task WaitAsync()
    {
        Task waiting;
        lock (_gate)
        {
            // Continuations run on the thread pool, not inline on the commit loop (which would run the waiters' answers
            // before the next commit).
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = _next.Task;
            if (_running)
            {
                return waiting;
            }

            _running = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static self => self.Run(), this, preferLocal: false);
        return waiting;
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_gate)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }

                // Detached before the commit begins: whoever calls from now on waits for the next commit.
                batch = _next;
                _next = null;
            }

            try
            {
                commit();
                Interlocked.Increment(ref _commits);
                batch.TrySetResult();
            }
            catch (Exception exception)
            {
                batch.TrySetException(exception);
            }
        }
    }
}
