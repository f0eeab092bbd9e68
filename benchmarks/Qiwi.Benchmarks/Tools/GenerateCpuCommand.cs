using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>generate-cpu &lt;spec&gt; &lt;rounds&gt; &lt;iterations&gt; [case...]</c>: the generator's full run taken apart, in CPU
/// time, alternating round by round in one process (steadier than wall time on a shared machine), with what the
/// collector did per run (pause, bytes allocated, bytes it promoted). Nothing is collected between batches, so each
/// case pays its own collections as in BenchmarkDotNet. The cases, from the floor up:
/// two floors (generators that add the very files ours made through the same driver, in one output and in one
/// output per file as ours does); read + generate (no driver); read + generate followed by the per-file floor (both
/// in one run, no pipeline between them); read + generate inside one step of a driver with one output per file
/// (<see cref="OneStepGenerator"/>); split alone (on a model read once); read, split and emit unit by unit without a driver (the real pipeline's work
/// in its order); and the full run. Each difference is one part of what the full run costs beyond its phases.
/// Two more price one pipeline step: a driver with no step, and with 20 empty ones. The last case is the full run on
/// the spec's text as the compiler loads an additional file (<see cref="SpecText.AsABuildLoadsIt"/>), which for a
/// spec this size is not one string.
/// </summary>
internal static class GenerateCpuCommand
{
    public static int Run(string specPath, int rounds, int iterations, IReadOnlyCollection<string> only)
    {
        var text = File.ReadAllText(specPath);
        var spec = new SpecText("/bench/qiwi-pull.yaml", text);
        var file = new Qiwi.Generator.Input.SpecFile("/bench/qiwi-pull.yaml", text, new Qiwi.Generator.Input.SpecOptions(null, null, null, string.Empty));
        var consumer = SpecText.Consumer(CSharpParseOptions.Default);
        var loaded = SpecText.AsABuildLoadsIt("/bench/qiwi-pull.yaml", specPath);
        var russian = new SpecText("/bench/qiwi-pull.yaml", Qiwi.Testing.SpecInRussian.Of(text));
        object? sink = null;
        var made = SpecText.NewDriver(spec, CSharpParseOptions.Default).RunGenerators(consumer).GetRunResult().Results.Single().GeneratedSources.Select(g => (g.HintName, g.SourceText.ToString())).ToList();
        var inRussian = SpecText.NewDriver(russian, CSharpParseOptions.Default).RunGenerators(consumer).GetRunResult();
        if (inRussian.Diagnostics.Length != 0 || inRussian.Results.Single().GeneratedSources.Length != made.Count)
        {
            // A spec the translation broke would be measured as a run that stops at its first error.
            Console.Error.WriteLine("generate-cpu: the spec in Russian does not generate the same files: " + string.Join("; ", inRussian.Diagnostics));
            return 2;
        }

        var replay = new ReplayGenerator(made).AsSourceGenerator();
        var replayPerFile = new ReplayGenerator(made, perFile: true).AsSourceGenerator();
        var oneStep = new OneStepGenerator().AsSourceGenerator();
        if (Qiwi.Generator.Parsing.SpecReader.Read(file).Model is not { } model)
        {
            Console.Error.WriteLine($"generate-cpu: '{specPath}' has diagnostics and no model; nothing to measure");
            return 2;
        }

        GeneratorDriver Drive(ISourceGenerator generator) => CSharpGeneratorDriver.Create([generator], [spec], CSharpParseOptions.Default, SpecItemOptions.None).RunGenerators(consumer);
        var all = new (string Name, Action Run)[]
        {
            ("no step", () => sink = Drive(new ChainGenerator(0).AsSourceGenerator())),
            ("20 empty steps", () => sink = Drive(new ChainGenerator(20).AsSourceGenerator())),
            ("replay, one output", () => sink = Drive(replay)),
            ("replay, one output per file", () => sink = Drive(replayPerFile)),
            ("read + generate", () => sink = Qiwi.Generator.Emit.SourceEmitter.EmitAll(Qiwi.Generator.Parsing.SpecReader.Read(file).Model!)),
            ("read + generate, then replay per file", () =>
            {
                sink = Qiwi.Generator.Emit.SourceEmitter.EmitAll(Qiwi.Generator.Parsing.SpecReader.Read(file).Model!);
                sink = Drive(replayPerFile);
            }),
            ("read + generate in one driver step", () => sink = Drive(oneStep)),
            ("split (a model read once)", () => sink = Qiwi.Generator.Emit.SourceEmitter.Split(model)),
            ("read, split, emit unit by unit", () => sink = GeneratorBenchmarks.ReadSplitEmit(file)),
            ("full run", () => sink = SpecText.NewDriver(spec, CSharpParseOptions.Default).RunGenerators(consumer)),
            ("full run, the spec as a build loads it", () => sink = SpecText.NewDriver(loaded, CSharpParseOptions.Default).RunGenerators(consumer)),
            ("full run, descriptions in Russian", () => sink = SpecText.NewDriver(russian, CSharpParseOptions.Default).RunGenerators(consumer)),
        };
        var unknown = only.FirstOrDefault(name => !all.Any(c => c.Name == name));
        if (unknown is not null || rounds < 1 || iterations < 1)
        {
            // A misspelt case would otherwise measure nothing and print nothing, as if it ran.
            Console.Error.WriteLine(unknown is not null
                ? $"generate-cpu: no case named '{unknown}'; the cases are: {string.Join(", ", all.Select(c => $"'{c.Name}'"))}"
                : "generate-cpu: rounds and iterations must be at least 1");
            return 2;
        }

        var cases = only.Count == 0 ? all : all.Where(c => only.Contains(c.Name)).ToArray();
        var cpu = cases.Select(_ => new List<double>()).ToArray();
        var pause = new double[cases.Length];
        var allocated = new long[cases.Length];
        var promoted = new long[cases.Length];
        using var promotions = new GcPromotions();
        for (var round = -1; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var promotedBefore = promotions.Read();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var pausedBefore = GC.GetTotalPauseDuration();
                var started = CpuClock.Milliseconds();
                for (var i = 0; i < iterations; i++)
                {
                    cases[c].Run();
                }

                var used = CpuClock.Milliseconds() - started;
                if (round >= 0)
                {
                    cpu[c].Add(used * 1000 / iterations);
                    pause[c] += (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
                    allocated[c] += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                    promoted[c] += promotions.Read() - promotedBefore;
                }
            }
        }

        var runs = (double)rounds * iterations;
        Console.WriteLine($"the spec as a build loads it: a {loaded.Kind}");
        for (var c = 0; c < cases.Length; c++)
        {
            var sorted = cpu[c].Order().ToList();
            Console.WriteLine(
                $"{cases[c].Name}: median {sorted[sorted.Count / 2]:0} us CPU per run ({sorted[0]:0} to {sorted[^1]:0} over {rounds} rounds of {iterations}); " +
                $"GC pause {pause[c] * 1000 / runs:0} us, allocated {allocated[c] / runs / 1024:0.0} KB, promoted {promoted[c] / runs / 1024:0.0} KB per run");
        }

        GC.KeepAlive(sink);
        return 0;
    }
}
