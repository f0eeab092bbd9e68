using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>scale-generation &lt;spec&gt; &lt;rounds&gt; &lt;factor&gt;... [--nswag] [--write folder]</c>: how generation time grows with
/// the spec. Each factor's spec is made by <see cref="SpecScaler"/>. After warm-up runs (more for small sizes, so
/// the JIT has settled), every round runs our generator (a new <see cref="CSharpGeneratorDriver"/>, full run) once
/// on each size, in a rotating order, and with --nswag NSwag in process right after it on the same text. Prints,
/// per size, the median wall and CPU time and the median over rounds of the ratios measured within a round (to the
/// first size; NSwag / ours), so the neighbours' load on a shared machine cancels out as far as it can. Our generator runs
/// with its size limits raised (QiwiMaxSpecCharacters, QiwiMaxSpecNodes), as a project with a spec this large would.
/// Bounded: rounds x sizes runs.
/// </summary>
internal static class GenerationScalingCommand
{
    // The larger copies pass the generator's default size limits (4 MiB, 250,000 nodes; QIWI0016), so every size is
    // generated with the limits a project raises for a large spec (docs/configuration.md); 1x is the same either way.
    private static readonly SpecItemOptions RaisedLimits = new(new Dictionary<string, string>
    {
        ["QiwiMaxSpecCharacters"] = "67108864",
        ["QiwiMaxSpecNodes"] = "10000000",
    });

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
        var factors = args.Skip(3).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var withNSwag = args.Contains("--nswag");
        var original = File.ReadAllText(args[1]);
        var specs = factors.Select(f => SpecScaler.Scale(original, f)).ToArray();
        if (Array.IndexOf(args, "--write") is var w and >= 0)
        {
            Directory.CreateDirectory(args[w + 1]);
            for (var i = 0; i < factors.Length; i++)
            {
                File.WriteAllText(Path.Combine(args[w + 1], $"qiwi-pull.x{factors[i]}.yaml"), specs[i]);
            }
        }

        var compilation = SpecText.Consumer(CSharpParseOptions.Default);
        var shape = new string[factors.Length];
        for (var i = 0; i < factors.Length; i++)
        {
            var result = Generate(compilation, specs[i]);   // the check that the copy is a valid spec
            if (result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            {
                Console.Error.WriteLine($"x{factors[i]}: the generator reports {error}");
                return 1;
            }

            shape[i] = $"{specs[i].Length / 1024.0:0} KB spec, {result.GeneratedSources.Length} files, {result.GeneratedSources.Sum(s => s.SourceText.Lines.Count):N0} lines";
            for (var warm = Math.Max(2, 40 / factors[i]); warm > 0; warm--)
            {
                Generate(compilation, specs[i]);
                if (withNSwag)
                {
                    await NSwag(specs[i]);
                }
            }
        }

        var ours = new Sample[rounds, factors.Length];
        var nswag = new Sample[rounds, factors.Length];
        var allocated = new long[factors.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var j = 0; j < factors.Length; j++)
            {
                var i = (j + round) % factors.Length;
                var before = GC.GetAllocatedBytesForCurrentThread();
                ours[round, i] = await Measure(() => Task.FromResult(Generate(compilation, specs[i])));
                allocated[i] = GC.GetAllocatedBytesForCurrentThread() - before;
                if (withNSwag)
                {
                    nswag[round, i] = await Measure(() => NSwag(specs[i]));
                }
            }
        }

        for (var i = 0; i < factors.Length; i++)
        {
            var line = $"x{factors[i]}: {shape[i]}, allocated {allocated[i] / 1048576.0:0.0} MB; ours {Describe(ours, i)}, ratio to x{factors[0]} {Ratio(ours, i, ours, 0)}";
            if (withNSwag)
            {
                line += $"; NSwag {Describe(nswag, i)}, ratio to x{factors[0]} {Ratio(nswag, i, nswag, 0)}; NSwag / ours {Ratio(nswag, i, ours, i)}";
            }

            Console.WriteLine(line);
        }

        Console.WriteLine($"{rounds} rounds, sizes in rotating order, one process; ratios are medians of per-round ratios, wall | CPU.");
        return 0;
    }

    private static async Task<Sample> Measure<T>(Func<Task<T>> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = CpuClock.Milliseconds();
        var started = Stopwatch.GetTimestamp();
        await action();
        return new Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds, CpuClock.Milliseconds() - cpu);
    }

    private static string Describe(Sample[,] samples, int size)
    {
        var rows = Enumerable.Range(0, samples.GetLength(0)).Select(r => samples[r, size]).ToList();
        return $"wall median {Median(rows.Select(s => s.Wall)):0.0} ms (min {rows.Min(s => s.Wall):0.0}, max {rows.Max(s => s.Wall):0.0}), CPU median {Median(rows.Select(s => s.Cpu)):0.0} ms";
    }

    private static string Ratio(Sample[,] top, int topSize, Sample[,] bottom, int bottomSize)
    {
        var rounds = Enumerable.Range(0, top.GetLength(0)).ToList();
        var wall = rounds.Select(r => top[r, topSize].Wall / bottom[r, bottomSize].Wall).ToList();
        var cpu = rounds.Select(r => top[r, topSize].Cpu / Math.Max(bottom[r, bottomSize].Cpu, 0.001)).ToList();
        return $"{Median(wall):0.00} (IQR {Quantile(wall, 0.25):0.00}-{Quantile(wall, 0.75):0.00}) | {Median(cpu):0.00}";
    }

    private static GeneratorRunResult Generate(CSharpCompilation compilation, string spec)
        => SpecText.NewDriver(new SpecText("/bench/qiwi-pull.yaml", spec), CSharpParseOptions.Default, RaisedLimits).RunGenerators(compilation).GetRunResult().Results.Single();

    private static Task<string> NSwag(string spec) => Qiwi.Testing.NSwagClientSource.GenerateAsync(spec, "/bench/qiwi-pull.yaml", "NSwagQiwi", "QiwiNSwagClient");

    private static double Median(IEnumerable<double> values) => Quantile(values.ToList(), 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private readonly record struct Sample(double Wall, double Cpu);
}
