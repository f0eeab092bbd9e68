namespace Qiwi.Runtime.Tests.Soak;

/// <summary>What the long-run tests share: the calls per window (QIWI_SOAK_CALLS, for the soak script) and the heap after a full collection.</summary>
internal static class Soak
{
    public static int Calls(int defaultCalls)
        => int.TryParse(Environment.GetEnvironmentVariable("QIWI_SOAK_CALLS"), out var calls) && calls > 0 ? calls : defaultCalls;

    /// <summary>The bytes in use after full collections (finalizers run between them, so what they release is gone too).</summary>
    public static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Waits (at most a minute) until nothing counted is live: a timer is disposed just after the task it ends completes
    /// (Task.Delay completes, then disposes its timer), so the last calls' timers may still be on their way out. A leak
    /// stays live, and the assertions after this report it.
    /// </summary>
    public static async Task Settled(params LiveCount[] counts)
    {
        for (var i = 0; i < 6000 && Array.Exists(counts, static c => c.Live != 0); i++)
        {
            await Task.Delay(10);
        }
    }

    public static long PerThousand(long bytes, int operations) => bytes * 1000 / operations;
}
