using Microsoft.CodeAnalysis;

namespace Qiwi.Benchmarks.Tools;

/// <summary>
/// A pipeline of <paramref name="steps"/> empty Select steps over the spec's path (one value), ending in an output
/// that adds nothing: against zero steps, what one step of a pipeline costs a first run (its table built, filled, kept).
/// </summary>
internal sealed class ChainGenerator(int steps) : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var values = context.AdditionalTextsProvider.Select(static (text, _) => text.Path.Length);
        for (var i = 0; i < steps; i++)
        {
            values = values.Select(static (value, _) => value + 1);
        }

        context.RegisterSourceOutput(values, static (_, _) => { });
    }
}
