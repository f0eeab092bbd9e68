namespace Qiwi.Testing;

/// <summary>
/// What the long-run (leak) tests of every project share: the operations per window (QIWI_SOAK_CALLS, for
/// benchmarks/soak.sh) and the heap after a full collection. The heap is the process's, so a long-run test must run
/// with no other test beside it: its class is in the <see cref="HeapMeasurements"/> collection.
/// </summary>
internal static partial class LongRun
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

    /// <summary>The heap before, after the first and after the second measured window, and each window's growth per thousand operations.</summary>
    public static string Describe(long before, long first, long second, int window, string operations)
        => $"heap: {before} -> {first} -> {second} bytes ({PerThousand(first - before, window)} and {PerThousand(second - first, window)} bytes per 1000 {operations})";

    /// <summary>Each of the two measured windows grew the heap by less than <see cref="Allowed"/>.</summary>
    public static void AssertFlat(long before, long first, long second, int window, long perThousand)
    {
        Assert.True(first - before < Allowed(window, perThousand), $"the first window grew the heap by {first - before} bytes");
        Assert.True(second - first < Allowed(window, perThousand), $"the second window grew the heap by {second - first} bytes");
    }
}

/// <summary>
/// The long-run tests, which read the whole process's heap: xunit runs this collection on its own, after the parallel
/// ones (another test class allocating beside a window made it fail under CI's second, tr_TR run).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    public const string Name = "Heap measurements";
}
