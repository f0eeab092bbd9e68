using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// The floor under any generator of this output: it reads the spec's text as the real one does, does no work on
/// it, and adds the very files the real generator made for it (given up front), in one source output or, with
/// <paramref name="perFile"/>, in one output per file as the real generator has (so that an edit re-emits only the
/// files it changes). What a driver run of it costs is Roslyn's share of <see cref="GeneratorBenchmarks.FullRun"/>;
/// only the rest is the generator's own.
/// </summary>
internal sealed class ReplayGenerator(IReadOnlyList<(string HintName, string Text)> sources, bool perFile = false) : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(static (text, cancellationToken) => text.GetText(cancellationToken)?.Length ?? 0);
        if (perFile)
        {
            context.RegisterSourceOutput(specs.SelectMany((_, _) => sources), static (output, file) => Add(output, file));
            return;
        }

        context.RegisterSourceOutput(specs, (output, _) =>
        {
            foreach (var file in sources)
            {
                Add(output, file);
            }
        });
    }

    private static void Add(SourceProductionContext output, (string HintName, string Text) file)
        => output.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
}
