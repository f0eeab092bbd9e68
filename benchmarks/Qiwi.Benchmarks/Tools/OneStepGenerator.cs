using Microsoft.CodeAnalysis;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// Read + generate (<see cref="Qiwi.Generator.Emit.SourceEmitter.EmitAll"/>) in one pipeline step, then one source
/// output per file as <see cref="ReplayGenerator"/> with perFile has: the floor's shape around our two phases. It
/// caches nothing per file (a spec edit re-emits every file), so it is no alternative to the real pipeline; it
/// measures what running our code inside the driver costs, against read + generate followed by the floor.
/// </summary>
internal sealed class OneStepGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var sources = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(static (text, cancellationToken) => new Qiwi.Generator.Input.SpecFile(text.Path, text.GetText(cancellationToken)!.ToString(), new Qiwi.Generator.Input.SpecOptions(null, null, null, string.Empty)))
            .SelectMany(static (file, _) => Qiwi.Generator.Emit.SourceEmitter.EmitAll(Qiwi.Generator.Parsing.SpecReader.Read(file).Model!));
        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Text));
    }
}
