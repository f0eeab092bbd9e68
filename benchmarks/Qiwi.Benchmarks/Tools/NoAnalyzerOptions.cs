using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qiwi.Benchmarks.Tools;

/// <summary>No MSBuild properties or item metadata: the generator runs on its defaults.</summary>
internal sealed class NoAnalyzerOptions : AnalyzerConfigOptionsProvider
{
    public static readonly NoAnalyzerOptions Instance = new();

    public override AnalyzerConfigOptions GlobalOptions => Empty.Instance;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty.Instance;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty.Instance;

    private sealed class Empty : AnalyzerConfigOptions
    {
        public static readonly Empty Instance = new();

        public override bool TryGetValue(string key, out string value)
        {
            value = string.Empty;
            return false;
        }
    }
}
