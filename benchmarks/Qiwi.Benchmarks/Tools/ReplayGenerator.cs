using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// The floor under any generator of this output: it reads the spec's text as the real one does, does no work on
/// it, and adds the very files the real generator made for it (given up front). What a driver run of it costs is
/// Roslyn's share of <see cref="GeneratorBenchmarks.FullRun"/>; only the rest is the generator's own.
/// </summary>
internal sealed class ReplayGenerator(IReadOnlyList<(string HintName, string Text)> sources) : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(static (text, cancellationToken) => text.GetText(cancellationToken)?.Length ?? 0);
        context.RegisterSourceOutput(specs, (output, length) =>
        {
            foreach (var (hintName, text) in sources)
            {
                output.AddSource(hintName, SourceText.From(text, System.Text.Encoding.UTF8));
            }
        });
    }
}
