namespace Qiwi.Runtime.Tests.Soak;

/// <summary>How many objects of one kind were made and how many of them are still not disposed (each counted once).</summary>
internal sealed class LiveCount
{
    private long _made;
    private long _live;

    public long Made => Interlocked.Read(ref _made);

    public long Live => Interlocked.Read(ref _live);

    public void Add()
    {
        Interlocked.Increment(ref _made);
        Interlocked.Increment(ref _live);
    }

    public void Remove() => Interlocked.Decrement(ref _live);

    public override string ToString() => $"{Live} live of {Made} made";
}

/// <summary>Calls <see cref="LiveCount.Remove"/> the first time it is asked to, never again.</summary>
internal struct DisposedOnce
{
    private int _done;

    public void Dispose(LiveCount count)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            count.Remove();
        }
    }
}
