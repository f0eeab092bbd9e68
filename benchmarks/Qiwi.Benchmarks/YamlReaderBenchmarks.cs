using BenchmarkDotNet.Attributes;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Parsing;

namespace Qiwi.Benchmarks;

/// <summary>
/// Loading spec/qiwi-pull.yaml into the generator's node tree: through YamlDotNet's parser (every YAML construct)
/// against FastYamlReader (the subset specs are written in, the same tree and spans; YamlLoader.Load uses it and
/// falls back to YamlDotNet outside the subset).
/// </summary>
[MemoryDiagnoser]
public class YamlReaderBenchmarks
{
    private string _text = null!;

    [GlobalSetup]
    public void Setup() => _text = File.ReadAllText(Qiwi.Testing.RepositoryRoot.Spec);

    [Benchmark(Baseline = true, Description = "load with YamlDotNet's parser")]
    public object? YamlDotNet() => YamlLoader.LoadWithYamlDotNet("/bench/qiwi-pull.yaml", _text, new List<DiagnosticInfo>());

    [Benchmark(Description = "load with FastYamlReader")]
    public object? Fast() => FastYamlReader.TryLoad("/bench/qiwi-pull.yaml", _text, out var root, out _) ? root : throw new InvalidOperationException("the fast reader gave up on the spec");
}
