using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>A spec held in memory, handed to the generator as an additional file.</summary>
internal sealed class SpecText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;

    /// <summary>A new driver running <see cref="Qiwi.Generator.QiwiGenerator"/> on <paramref name="spec"/> (nothing cached), with the spec's item metadata if given.</summary>
    public static GeneratorDriver NewDriver(AdditionalText spec, CSharpParseOptions parseOptions, SpecItemOptions? options = null)
        => CSharpGeneratorDriver.Create([new Qiwi.Generator.QiwiGenerator().AsSourceGenerator()], [spec], parseOptions, options ?? SpecItemOptions.None);

    /// <summary>The smallest consumer compilation: one class, the core library.</summary>
    public static CSharpCompilation Consumer(CSharpParseOptions parseOptions)
        => CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class A { }", parseOptions)], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
}
