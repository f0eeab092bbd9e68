using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// <see cref="ReplayGenerator"/> with one source output per file, as the real generator has (so that an edit re-emits
/// only the files it changes): what those 51 outputs cost the driver beyond one.
/// </summary>
internal sealed class ReplayPerFileGenerator(IReadOnlyList<(string HintName, string Text)> sources) : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(static (text, cancellationToken) => text.GetText(cancellationToken)?.Length ?? 0)
            .SelectMany((length, _) => sources);
        context.RegisterSourceOutput(files, static (output, file) => output.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8)));
    }
}
