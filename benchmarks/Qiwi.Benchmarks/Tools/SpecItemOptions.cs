using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// The spec's MSBuild item metadata as the compiler hands it to the generator (<c>build_metadata.AdditionalFiles.Name</c>),
/// and no MSBuild properties. <see cref="None"/>: the generator runs on its defaults.
/// </summary>
internal sealed class SpecItemOptions(IReadOnlyDictionary<string, string> metadata) : AnalyzerConfigOptionsProvider
{
    public static readonly SpecItemOptions None = new(new Dictionary<string, string>());

    private readonly Options _item = new(metadata.ToDictionary(m => "build_metadata.AdditionalFiles." + m.Key, m => m.Value));

    public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _item;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
