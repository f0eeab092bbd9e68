namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>notify-cpu [rounds] [iterations]</c>: the notification benchmark's two methods in CPU time, alternating
/// round by round in one process (on a loaded machine wall time mostly measures the neighbours). Prints each
/// round's ratio and the median.
/// </summary>
internal static class NotificationCpuCommand
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9;
        var iterations = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var benchmark = new NotificationBenchmarks();
        benchmark.Setup();
        Measure(() => benchmark.Floor_HmacSha1(), iterations * 3); // warm-up: every method at its last JIT tier
        Measure(() => benchmark.ParseAndVerify(), iterations * 3);
        Measure(() => benchmark.VerifyOnly(), iterations * 3);
        var ratios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var floor = Measure(() => benchmark.Floor_HmacSha1(), iterations);
            var ours = Measure(() => benchmark.ParseAndVerify(), iterations);
            var verify = Measure(() => benchmark.VerifyOnly(), iterations);
            ratios.Add(ours / floor);
            Console.WriteLine($"round {round + 1}: floor {floor * 1000 / iterations:F0} ns, parse+verify {ours * 1000 / iterations:F0} ns (verify alone {verify * 1000 / iterations:F0} ns) CPU per call, ratio {ours / floor:F2}");
        }

        ratios.Sort();
        Console.WriteLine($"median ratio {ratios[ratios.Count / 2]:F2} (min {ratios[0]:F2}, max {ratios[^1]:F2}) over {rounds} rounds of {iterations} calls each");
        return 0;
    }

    private static double Measure(Func<object> call, int iterations)
    {
        var start = CpuClock.Milliseconds();
        for (var i = 0; i < iterations; i++)
        {
            GC.KeepAlive(call());
        }

        return (CpuClock.Milliseconds() - start) * 1000; // microseconds
    }
}
