using Qiwi.Generator.Emit;
using Qiwi.Generator.Input;
using Qiwi.Generator.Parsing;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>emit-units &lt;spec&gt; &lt;rounds&gt; &lt;iterations&gt;</c>: where the emit phase goes, in CPU time per unit kind (every unit
/// of a kind emitted in turn, kinds alternating round by round), with the characters each kind writes and what it
/// allocates beyond its output strings; then Split alone, and two floors: a new string per file from its characters
/// (what any emitter must pay for its output) and the files' lines appended to one builder then copied out.
/// </summary>
internal static class EmitUnitsCommand
{
    public static int Run(string specPath, int rounds, int iterations)
    {
        var text = File.ReadAllText(specPath);
        var file = new SpecFile("/bench/qiwi-pull.yaml", text, new SpecOptions(null, null, null, string.Empty));
        var model = SpecReader.Read(file).Model ?? throw new InvalidOperationException("the spec did not read");
        var units = SourceEmitter.Split(model).All();
        var kinds = units.GroupBy(u => u.GetType().Name).Select(g => (Name: g.Key, Units: g.ToArray())).ToArray();
        var chars = kinds.Select(k => k.Units.Sum(u => SourceEmitter.Emit(u)?.Length ?? 0)).ToArray();
        var results = kinds.Select(_ => new List<double>()).ToArray();
        var allocated = new long[kinds.Length];
        var totals = new List<double>();
        object? sink = null;
        for (var round = -1; round < rounds; round++)
        {
            var total = 0.0;
            for (var k = 0; k < kinds.Length; k++)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var started = CpuClock.Milliseconds();
                for (var i = 0; i < iterations; i++)
                {
                    foreach (var unit in kinds[k].Units)
                    {
                        sink = SourceEmitter.Emit(unit);
                    }
                }

                var us = (CpuClock.Milliseconds() - started) * 1000 / iterations;
                allocated[k] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / iterations;
                total += us;
                if (round >= 0)
                {
                    results[k].Add(us);
                }
            }

            if (round >= 0)
            {
                totals.Add(total);
            }
        }

        for (var k = 0; k < kinds.Length; k++)
        {
            // A string of n characters takes 22 bytes + 2n, rounded up to 8.
            var outputs = kinds[k].Units.Sum(u => SourceEmitter.Emit(u) is string s ? (22 + (2L * s.Length) + 7) / 8 * 8 : 0);
            Console.WriteLine($"{kinds[k].Name,-20} x{kinds[k].Units.Length,-3} {Median(results[k]),7:0.0} us CPU  {chars[k],7} chars  {allocated[k] - outputs,6} B beyond the output strings");
        }

        Console.WriteLine($"all units: {Median(totals):0.0} us CPU");
        var split = new List<double>();
        var splitBytes = 0L;
        var texts = units.Select(SourceEmitter.Emit).OfType<string>().ToArray();
        var arrays = texts.Select(t => t.ToCharArray()).ToArray();
        var lines = texts.Select(t => t.Split('\n')).ToArray();
        var builder = new System.Text.StringBuilder(16 * 1024);
        var strings = new List<double>();
        var appended = new List<double>();
        for (var round = -1; round < rounds; round++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = CpuClock.Milliseconds();
            for (var i = 0; i < iterations; i++)
            {
                sink = SourceEmitter.Split(model);
            }

            splitBytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / iterations;
            Add(split, round, started, iterations);
            started = CpuClock.Milliseconds();
            for (var i = 0; i < iterations; i++)
            {
                foreach (var chars1 in arrays)
                {
                    sink = new string(chars1);
                }
            }

            Add(strings, round, started, iterations);
            started = CpuClock.Milliseconds();
            for (var i = 0; i < iterations; i++)
            {
                foreach (var fileLines in lines)
                {
                    builder.Clear();
                    foreach (var line in fileLines)
                    {
                        builder.Append(line).Append('\n');
                    }

                    sink = builder.ToString();
                }
            }

            Add(appended, round, started, iterations);
        }

        Console.WriteLine($"Split alone: {Median(split):0.0} us CPU, {splitBytes} B");
        Console.WriteLine($"floor, a new string per file from its characters: {Median(strings):0.0} us CPU; the {lines.Sum(l => l.Length)} lines appended then copied out: {Median(appended):0.0} us CPU");
        GC.KeepAlive(sink);
        return 0;
    }

    private static void Add(List<double> results, int round, double started, int iterations)
    {
        if (round >= 0)
        {
            results.Add((CpuClock.Milliseconds() - started) * 1000 / iterations);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
