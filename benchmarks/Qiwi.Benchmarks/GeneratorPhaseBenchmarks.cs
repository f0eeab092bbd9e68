using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;
using YamlDotNet.Core;

namespace Qiwi.Benchmarks;

/// <summary>
/// Where a full generator run on spec/qiwi-pull.yaml goes, phase by phase: YamlDotNet's parser alone, the loader
/// (the parser plus our node tree and its limits), the whole reader (load plus model), the emitters alone, and
/// what the driver adds after them: a SourceText per file (AddSource), and Roslyn parsing each into a syntax
/// tree. The driver parses generated trees lazily, so FullRun does not include that parse (it is several times
/// FullRun): the compilation pays it when it first needs the trees, whoever generated the text.
/// </summary>
[MemoryDiagnoser]
public class GeneratorPhaseBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private SpecFile _file = null!;
    private SpecModel _model = null!;
    private List<GeneratedSource> _sources = null!;
    private SourceText[] _texts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = File.ReadAllText(Qiwi.Testing.RepositoryRoot.Spec);
        _file = new SpecFile("/bench/qiwi-pull.yaml", text, new SpecOptions(null, null, null, string.Empty));
        _model = SpecReader.Read(_file).Model ?? throw new InvalidOperationException("the spec did not read");
        _sources = SourceEmitter.EmitAll(_model);
        _texts = _sources.Select(source => SourceText.From(source.Text, Encoding.UTF8)).ToArray();
    }

    [Benchmark(Description = "YamlDotNet parser events only")]
    public int YamlDotNetEvents()
    {
        var parser = new Parser(new StringReader(_file.Text));
        var count = 0;
        while (parser.MoveNext())
        {
            count++;
        }

        return count;
    }

    [Benchmark(Description = "load: YAML into nodes")]
    public long Load()
    {
        // As SpecReader.Read loads: into this thread's reused nodes (NodeArena), handed back before the next load.
        var arena = NodeArena.Rent();
        try
        {
            return YamlLoader.Load(_file.Path, _file.Text, new List<DiagnosticInfo>(), null, arena)?.Size ?? 0;
        }
        finally
        {
            NodeArena.Return(arena);
        }
    }

    [Benchmark(Description = "read: load + model")]
    public object Read() => SpecReader.Read(_file);

    [Benchmark(Description = "split: model into its files' units")]
    public object Split() => SourceEmitter.Split(_model, dependencyInjection: true);

    [Benchmark(Description = "emit: model to sources")]
    public object Emit() => SourceEmitter.EmitAll(_model);

    [Benchmark(Description = "driver: SourceText per file")]
    public int SourceTexts()
    {
        var length = 0;
        foreach (var source in _sources)
        {
            length += SourceText.From(source.Text, Encoding.UTF8).Length;
        }

        return length;
    }

    [Benchmark(Description = "driver: parse syntax trees")]
    public int ParseTrees()
    {
        var count = 0;
        foreach (var text in _texts)
        {
            count += CSharpSyntaxTree.ParseText(text, ParseOptions).GetRoot().FullSpan.Length;
        }

        return count;
    }
}
