using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <c>generate &lt;spec&gt; &lt;output folder&gt;</c>: the generator as a whole process; <c>generate-nswag &lt;spec&gt;
/// &lt;output file&gt;</c>: NSwag in the same host, to compare process against process (benchmarks/generation-vs-nswag.sh);
/// <c>generate-loop &lt;spec&gt; &lt;runs&gt;</c>: that many full runs (a new driver each) in one process, for a profiler
/// (benchmarks/profile-generator.sh).
/// </summary>
internal static class GenerateCommand
{
    public static int Run(string specPath, string output)
    {
        var spec = new SpecText(Path.GetFullPath(specPath), File.ReadAllText(specPath));
        var result = SpecText.NewDriver(spec, CSharpParseOptions.Default).RunGenerators(SpecText.Consumer(CSharpParseOptions.Default)).GetRunResult().Results.Single();
        Directory.CreateDirectory(output);
        foreach (var source in result.GeneratedSources)
        {
            File.WriteAllText(Path.Combine(output, source.HintName), source.SourceText.ToString());
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic);
        }

        return result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? 1 : 0;
    }

    public static int RunLoop(string specPath, int runs)
    {
        var spec = new SpecText(Path.GetFullPath(specPath), File.ReadAllText(specPath));
        var consumer = SpecText.Consumer(CSharpParseOptions.Default);
        var files = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var run = 0; run < runs; run++)
        {
            files = SpecText.NewDriver(spec, CSharpParseOptions.Default).RunGenerators(consumer).GetRunResult().Results.Single().GeneratedSources.Length;
        }

        Console.WriteLine($"{runs} full runs, {files} files each, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / runs:0.000} ms per run (JIT warm-up included)");
        return 0;
    }

    /// <summary>That many reads of the spec (load + model, no emit) in one process: the reader alone under a profiler.</summary>
    public static int RunReadLoop(string specPath, int runs)
    {
        var file = new Qiwi.Generator.Input.SpecFile(Path.GetFullPath(specPath), File.ReadAllText(specPath), new Qiwi.Generator.Input.SpecOptions(null, null, null, string.Empty));
        var diagnostics = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var run = 0; run < runs; run++)
        {
            diagnostics = Qiwi.Generator.Parsing.SpecReader.Read(file).Diagnostics.Count;
        }

        Console.WriteLine($"{runs} reads, {diagnostics} diagnostics each, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / runs:0.0} us per read (JIT warm-up included)");
        return 0;
    }

    public static async Task<int> RunNSwagAsync(string specPath, string outputFile, string @namespace = "NSwagQiwi", string className = "QiwiNSwagClient")
    {
        var code = await Qiwi.Testing.NSwagClientSource.GenerateAsync(File.ReadAllText(specPath), Path.GetFullPath(specPath), @namespace, className);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        await File.WriteAllTextAsync(outputFile, code);
        return 0;
    }
}
