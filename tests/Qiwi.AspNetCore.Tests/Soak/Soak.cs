namespace Qiwi.AspNetCore.Tests.Soak;

/// <summary>What the long-run tests share: the operations per window (QIWI_SOAK_CALLS, for the soak script) and the heap after a full collection.</summary>
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

    public static long PerThousand(long bytes, int operations) => bytes * 1000 / operations;
}
