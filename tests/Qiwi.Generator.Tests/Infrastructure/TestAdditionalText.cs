using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Tests.Infrastructure;

/// <summary>An additional file held in memory; <paramref name="failure"/> makes GetText throw, as a broken host would.</summary>
internal sealed class TestAdditionalText(string path, string text, Exception? failure = null) : AdditionalText
{
    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default)
        => failure is null ? SourceText.From(text) : throw failure;
}
