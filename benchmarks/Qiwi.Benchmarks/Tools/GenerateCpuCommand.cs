using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>generate-cpu &lt;spec&gt; &lt;rounds&gt; &lt;iterations&gt;</c>, in CPU time, alternating round by round in one process
/// (steadier than wall time on a shared machine): two floors, generators that add the very files ours made through the
/// same driver (in one output, and in one output per file as ours does), then the generator's full run (a new driver
/// each), then read + generate without the driver. What the full run costs beyond read + generate and the per-file
/// floor is the pipeline around the two phases.
/// </summary>
internal static class GenerateCpuCommand
{
    public static int Run(string specPath, int rounds, int iterations)
    {
        var text = File.ReadAllText(specPath);
        var spec = new SpecText("/bench/qiwi-pull.yaml", text);
        var file = new Qiwi.Generator.Input.SpecFile("/bench/qiwi-pull.yaml", text, new Qiwi.Generator.Input.SpecOptions(null, null, null, string.Empty));
        var consumer = SpecText.Consumer(CSharpParseOptions.Default);
        object? sink = null;
        var made = SpecText.NewDriver(spec, CSharpParseOptions.Default).RunGenerators(consumer).GetRunResult().Results.Single().GeneratedSources.Select(g => (g.HintName, g.SourceText.ToString())).ToList();
        var replay = new ReplayGenerator(made).AsSourceGenerator();
        var replayPerFile = new ReplayGenerator(made, perFile: true).AsSourceGenerator();
        var cases = new (string Name, Action Run)[]
        {
            ("replay, one output", () => sink = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([replay], [spec], CSharpParseOptions.Default, SpecItemOptions.None).RunGenerators(consumer)),
            ("replay, one output per file", () => sink = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([replayPerFile], [spec], CSharpParseOptions.Default, SpecItemOptions.None).RunGenerators(consumer)),
            ("full run", () => sink = SpecText.NewDriver(spec, CSharpParseOptions.Default).RunGenerators(consumer)),
            ("read + generate", () => sink = Qiwi.Generator.Emit.SourceEmitter.EmitAll(Qiwi.Generator.Parsing.SpecReader.Read(file).Model!)),
        };
        var results = cases.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                GC.Collect();
                var started = CpuClock.Milliseconds();
                for (var i = 0; i < iterations; i++)
                {
                    cases[c].Run();
                }

                if (round >= 0)
                {
                    results[c].Add((CpuClock.Milliseconds() - started) * 1000 / iterations);
                }
            }
        }

        for (var c = 0; c < cases.Length; c++)
        {
            var sorted = results[c].Order().ToList();
            Console.WriteLine($"{cases[c].Name}: median {sorted[sorted.Count / 2]:0} us CPU per run ({sorted[0]:0} to {sorted[^1]:0} over {rounds} rounds of {iterations})");
        }

        GC.KeepAlive(sink);
        return 0;
    }
}
