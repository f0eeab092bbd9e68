using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Benchmarks.Tools;

/// <summary>A spec held in memory, handed to the generator as an additional file.</summary>
internal sealed class SpecText : AdditionalText
{
    private readonly string _path;
    private readonly SourceText _text;

    public SpecText(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    private SpecText(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    /// <summary>
    /// The file's text as the compiler loads an additional file (from a stream, once per build): for a text past about
    /// 40K characters that is a chunked text, not one string, so the generator's <c>ToString</c> copies it.
    /// </summary>
    public static SpecText AsABuildLoadsIt(string path, string file)
    {
        using var stream = File.OpenRead(file);
        return new SpecText(path, SourceText.From(stream, System.Text.Encoding.UTF8, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true, canBeEmbedded: true));
    }

    /// <summary>The text's type (a string-backed text or a chunked one).</summary>
    public string Kind => _text.GetType().Name;

    public override string Path => _path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;

    /// <summary>A new driver running <see cref="Qiwi.Generator.QiwiGenerator"/> on <paramref name="spec"/> (nothing cached), with the spec's item metadata if given.</summary>
    public static GeneratorDriver NewDriver(AdditionalText spec, CSharpParseOptions parseOptions, SpecItemOptions? options = null)
        => CSharpGeneratorDriver.Create([new Qiwi.Generator.QiwiGenerator().AsSourceGenerator()], [spec], parseOptions, options ?? SpecItemOptions.None);

    /// <summary>The smallest consumer compilation: one class, the core library.</summary>
    public static CSharpCompilation Consumer(CSharpParseOptions parseOptions)
        => CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class A { }", parseOptions)], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
}
