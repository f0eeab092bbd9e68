using System.Globalization;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>client-cpu [rounds] [iterations]</c>: each operation of <see cref="ClientBenchmarks"/>, the hand-written
/// baseline and the generated client, in CPU time, alternating round by round in one process (on a loaded machine
/// wall time mostly measures the neighbours). Prints each round's ratios and each operation's median.
/// </summary>
internal static class ClientCpuCommand
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
        var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000;
        var benchmarks = new ClientBenchmarks();
        benchmarks.Setup();
        (string Name, Func<Task> Baseline, Func<Task> Qiwi)[] operations =
        [
            ("createBill", benchmarks.CreateBill_Baseline, benchmarks.CreateBill_Qiwi),
            ("getBillStatus", benchmarks.GetBillStatus_Baseline, benchmarks.GetBillStatus_Qiwi),
            ("cancelBill", benchmarks.CancelBill_Baseline, benchmarks.CancelBill_Qiwi),
            ("createRefund", benchmarks.CreateRefund_Baseline, benchmarks.CreateRefund_Qiwi),
            ("getRefundStatus", benchmarks.GetRefundStatus_Baseline, benchmarks.GetRefundStatus_Qiwi),
        ];

        foreach (var operation in operations)
        {
            // Warm-up: every method at its last JIT tier.
            Measure(operation.Baseline, iterations * 2);
            Measure(operation.Qiwi, iterations * 2);
        }

        var ratios = operations.ToDictionary(o => o.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var line = new List<string>();
            foreach (var operation in operations)
            {
                var baseline = Measure(operation.Baseline, iterations);
                var qiwi = Measure(operation.Qiwi, iterations);
                ratios[operation.Name].Add(qiwi / baseline);
                line.Add(FormattableString.Invariant($"{operation.Name} {baseline * 1000 / iterations:F0}/{qiwi * 1000 / iterations:F0} ns {qiwi / baseline:F2}"));
            }

            Console.WriteLine($"round {round + 1}: " + string.Join("; ", line));
        }

        foreach (var (name, list) in ratios)
        {
            list.Sort();
            Console.WriteLine(FormattableString.Invariant($"{name}: median ratio {list[list.Count / 2]:F2} (min {list[0]:F2}, max {list[^1]:F2}) over {rounds} rounds of {iterations} calls"));
        }

        benchmarks.Cleanup();
        return 0;
    }

    private static double Measure(Func<Task> call, int iterations)
    {
        var start = CpuClock.Milliseconds();
        for (var i = 0; i < iterations; i++)
        {
            call().GetAwaiter().GetResult();
        }

        return (CpuClock.Milliseconds() - start) * 1000; // microseconds
    }
}
