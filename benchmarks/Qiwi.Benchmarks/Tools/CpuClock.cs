using System.Runtime.InteropServices;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// The CPU time this process has used (user + system, every thread, microseconds; Linux <c>getrusage</c>).
/// On a shared, loaded machine wall time mostly measures the neighbours; CPU time measures the work.
/// </summary>
internal static class CpuClock
{
    private const int RusageSelf = 0;

    private static bool _available = OperatingSystem.IsLinux();

    /// <summary>Milliseconds of CPU used so far (0 where getrusage is not available, so CPU ratios read as unknown).</summary>
    public static double Milliseconds()
    {
        Rusage usage;
        try
        {
            if (!_available || GetRusage(RusageSelf, out usage) != 0)
            {
                return 0;
            }
        }
        catch (DllNotFoundException)
        {
            _available = false;
            return 0;
        }

        return ((usage.UserSeconds + usage.SystemSeconds) * 1000.0) + ((usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0);
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }
}
