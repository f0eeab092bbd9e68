using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>generate-steps &lt;spec&gt; &lt;warm-up&gt; &lt;runs&gt;</c>: where a full run goes by the driver's own account. Each run is a
/// new driver with step tracking on; the elapsed time the driver records for every tracked step (and for every source
/// output) is summed by step name and shown per run, beside the runs' mean wall time. Tracking costs a little itself,
/// so the shares, not the absolute figures, are the point.
/// </summary>
internal static class GenerateStepsCommand
{
    public static int Run(string specPath, int warmUp, int runs)
    {
        var spec = new SpecText("/bench/qiwi-pull.yaml", File.ReadAllText(specPath));
        var consumer = SpecText.Consumer(CSharpParseOptions.Default);
        var steps = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var total = TimeSpan.Zero;
        var options = new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true);
        for (var run = -warmUp; run < runs; run++)
        {
            var driver = CSharpGeneratorDriver.Create([new Qiwi.Generator.QiwiGenerator().AsSourceGenerator()], [spec], CSharpParseOptions.Default, SpecItemOptions.None, options);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = driver.RunGenerators(consumer).GetRunResult().Results.Single();
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (run < 0)
            {
                continue;
            }

            total += elapsed;
            Add(steps, result.TrackedSteps);
            Add(outputs, result.TrackedOutputSteps);
        }

        Console.WriteLine($"{runs} runs after {warmUp} warm-up ones, tracking on: {total.TotalMicroseconds / runs:0} us per run (wall)");
        foreach (var (name, time) in steps.Select(s => (Name: s.Key, Time: s.Value)).Concat(outputs.Select(o => (Name: "output: " + o.Key, Time: o.Value))).OrderByDescending(p => p.Time))
        {
            Console.WriteLine($"  {time.TotalMicroseconds / runs,8:0.0} us  {name}");
        }

        return 0;
    }

    private static void Add(Dictionary<string, TimeSpan> sums, IEnumerable<KeyValuePair<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>>> tracked)
    {
        foreach (var (name, list) in tracked)
        {
            foreach (var step in list)
            {
                sums[name] = sums.GetValueOrDefault(name) + step.ElapsedTime;
            }
        }
    }
}
