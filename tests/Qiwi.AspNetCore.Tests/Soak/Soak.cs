namespace Qiwi.AspNetCore.Tests.Soak;

/// <summary>What the long-run tests share: the operations per window (QIWI_SOAK_CALLS, for the soak script) and the heap after a full collection.</summary>
internal static class Soak
{
    public static int Calls(int defaultCalls)
        => int.TryParse(Environment.GetEnvironmentVariable("QIWI_SOAK_CALLS"), out var calls) && calls > 0 ? calls : defaultCalls;

    /// <summary>Windows run after the two measured ones, each followed by a heap figure in the output (QIWI_SOAK_WINDOWS; none by default).</summary>
    public static int ExtraWindows()
        => int.TryParse(Environment.GetEnvironmentVariable("QIWI_SOAK_WINDOWS"), out var windows) && windows > 0 ? windows : 0;

    /// <summary>The bytes in use after full collections (finalizers run between them, so what they release is gone too).</summary>
    public static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// A one-off step of the heap the test host makes by itself about 1.5 s into a run (about 280 KB, measured with a test
    /// that only waits), which may fall in either measured window: allowed once per window, on top of the per-operation bound.
    /// </summary>
    public const long HostStep = 384 * 1024;

    /// <summary>What a window of <paramref name="operations"/> may grow the heap by: <paramref name="perThousand"/> bytes per thousand, and <see cref="HostStep"/>.</summary>
    public static long Allowed(int operations, long perThousand) => HostStep + (perThousand * operations / 1000);

    public static long PerThousand(long bytes, int operations) => bytes * 1000 / operations;
}
