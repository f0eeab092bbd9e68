using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Benchmarks.Tools;
using Qiwi.Testing;

namespace Qiwi.Benchmarks;

/// <summary>
/// The generator in process: a first run on spec/qiwi-pull.yaml, a re-run after an unrelated C# edit (every
/// step cached), and a re-run after a one-line spec edit; and its peer, NSwag in process (NSwag.CodeGeneration.CSharp
/// 14.8.0), reading the same spec text and generating its client, so the ratio column reads NSwag / ours.
/// FullRun is what a build pays (a new driver: the pipeline, AddSource, a lazily parsed tree per file);
/// "ours: read spec, generate sources" is NSwag's like (spec text in, source text out, nothing parsed, no
/// driver): NSwag / it is the NSwag row's ratio divided by its own.
/// The rows between them take FullRun apart: read + generate followed by the per-file floor (both phases and
/// Roslyn's share in one operation, no pipeline between them), read + generate inside one driver step with one
/// output per file (our code hosted by the driver), and read, split and emit unit by unit without a driver (the
/// pipeline's own work in its order). FullRun minus the one-step row is what our pipeline's shape costs.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string SpecPath = "/bench/qiwi-pull.yaml";
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;
    private SpecText _spec = null!;
    private SpecText _specEdited = null!;
    private SpecText _specInRussian = null!;
    private string _specYaml = null!;
    private Qiwi.Generator.Input.SpecFile _file = null!;
    private bool _flip;
    private ReplayGenerator _replay = null!;
    private ISourceGenerator _replayPerFile = null!;
    private ISourceGenerator _oneStep = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = File.ReadAllText(Qiwi.Testing.RepositoryRoot.Spec);
        _specYaml = text;
        _file = new Qiwi.Generator.Input.SpecFile(SpecPath, text, new Qiwi.Generator.Input.SpecOptions(null, null, null, string.Empty));
        _spec = new SpecText(SpecPath, text);
        _specInRussian = new SpecText(SpecPath, Qiwi.Testing.SpecInRussian.Of(text));
        _specEdited = new SpecText(SpecPath, text.Replace("description: Invoice has been paid.", "description: Invoice has been paid in full.", StringComparison.Ordinal));
        _compilation = SpecText.Consumer(ParseOptions);
        _edited = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("class A { int x; }", ParseOptions));
        _warm = NewDriver(_spec).RunGenerators(_compilation);

        // The two rows of ours must produce the very same files, or their ratio means nothing.
        var driven = _warm.GetRunResult().Results.Single().GeneratedSources.Select(source => (source.HintName, Text: source.SourceText.ToString()));
        var direct = ((List<Qiwi.Generator.Emit.GeneratedSource>)ReadAndGenerate()).Select(source => (source.HintName, source.Text));
        if (!driven.SequenceEqual(direct))
        {
            throw new InvalidOperationException("ReadAndGenerate does not produce the driver's sources");
        }

        _replay = new ReplayGenerator(driven.ToList());
        _replayPerFile = new ReplayGenerator(driven.ToList(), perFile: true).AsSourceGenerator();
        _oneStep = new OneStepGenerator().AsSourceGenerator();
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver FullRun() => NewDriver(_spec).RunGenerators(_compilation);

    [Benchmark(Description = "full run, the spec's descriptions in Russian")]
    public GeneratorDriver FullRunInRussian() => NewDriver(_specInRussian).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit()
    {
        _flip = !_flip;
        return _warm = _warm.RunGenerators(_flip ? _edited : _compilation);
    }

    [Benchmark]
    public GeneratorDriver RerunAfterSpecEdit()
    {
        _flip = !_flip;
        var (from, to) = _flip ? (_spec, _specEdited) : (_specEdited, _spec);
        return _warm = _warm.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
    }

    [Benchmark(Description = "floor: a generator that only adds the same 51 files")]
    public GeneratorDriver ReplayRun()
        => CSharpGeneratorDriver.Create([_replay.AsSourceGenerator()], [_spec], ParseOptions, Tools.SpecItemOptions.None).RunGenerators(_compilation);

    [Benchmark(Description = "ours: read spec, generate sources")]
    public object ReadAndGenerate()
    {
        var model = Qiwi.Generator.Parsing.SpecReader.Read(_file).Model ?? throw new InvalidOperationException("the spec did not read");
        return Qiwi.Generator.Emit.SourceEmitter.EmitAll(model);
    }

    [Benchmark(Description = "ours: read + generate, then the per-file floor")]
    public object ReadAndGenerateThenFloor()
    {
        ReadAndGenerate();
        return CSharpGeneratorDriver.Create([_replayPerFile], [_spec], ParseOptions, Tools.SpecItemOptions.None).RunGenerators(_compilation);
    }

    [Benchmark(Description = "ours: read + generate in one driver step, an output per file")]
    public GeneratorDriver OneStepRun()
        => CSharpGeneratorDriver.Create([_oneStep], [_spec], ParseOptions, Tools.SpecItemOptions.None).RunGenerators(_compilation);

    [Benchmark(Description = "ours: read, split, emit unit by unit (no driver)")]
    public object ReadSplitEmit() => ReadSplitEmit(_file);

    /// <summary>The real pipeline's work in its order, without the driver: read, split into units, emit each (as the driver calls it).</summary>
    internal static List<Microsoft.CodeAnalysis.Text.SourceText> ReadSplitEmit(Qiwi.Generator.Input.SpecFile file)
    {
        var model = Qiwi.Generator.Parsing.SpecReader.Read(file).Model ?? throw new InvalidOperationException("the spec did not read");
        var texts = new List<Microsoft.CodeAnalysis.Text.SourceText>();
        foreach (var unit in Qiwi.Generator.Emit.SourceEmitter.Split(model).All())
        {
            if (Qiwi.Generator.Emit.SourceEmitter.TryEmit(unit).Text is { } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    [Benchmark(Description = "NSwag: read spec, generate client")]
    public Task<string> NSwagReadAndGenerate()
        => NSwagClientSource.GenerateAsync(_specYaml, SpecPath, "NSwagQiwi", "QiwiNSwagClient");

    private static GeneratorDriver NewDriver(AdditionalText spec) => SpecText.NewDriver(spec, ParseOptions);
}
