namespace Qiwi.Sandbox.Tests;

/// <summary>
/// What the race tests share: workers started at once on their own threads (an exception on any fails the test), a
/// barrier they meet at between rounds, and a list of failures any thread may add to (the first 20 are kept).
/// </summary>
internal static class RaceWorkers
{
    [ThreadStatic]
    private static Barrier? t_barrier;

    /// <summary>Waits, inside <see cref="Run"/>, until every worker has reached this point.</summary>
    public static void Sync() => t_barrier!.SignalAndWait();

    /// <summary>Runs <paramref name="work"/> on <paramref name="workers"/> threads at once; an exception on any fails the test.</summary>
    public static void Run(int workers, Action<int> work)
    {
        using var barrier = new Barrier(workers);
        var errors = new List<Exception>();
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            t_barrier = barrier;
            try
            {
                barrier.SignalAndWait();
                work(worker);
            }
            catch (Exception exception)
            {
                lock (errors)
                {
                    errors.Add(exception);
                }

                barrier.RemoveParticipant();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(errors);
    }

    /// <summary>Adds <paramref name="failure"/> to <paramref name="failures"/> from any thread (the first 20 are kept).</summary>
    public static void Fail(List<string> failures, string failure)
    {
        lock (failures)
        {
            if (failures.Count < 20)
            {
                failures.Add(failure);
            }
        }
    }
}
