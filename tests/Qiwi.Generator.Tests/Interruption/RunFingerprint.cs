using System.Text;
using Microsoft.CodeAnalysis;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>A run's files and diagnostics as one string: two runs gave the same output exactly when their fingerprints are equal.</summary>
internal static class RunFingerprint
{
    public static string Of(GeneratorRunResult result)
    {
        Assert.Null(result.Exception);
        var text = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.GetMessage(), StringComparer.Ordinal))
        {
            text.Append(diagnostic.Id).Append(' ').Append(diagnostic.Location.GetLineSpan()).Append(' ').Append(diagnostic.GetMessage()).Append('\n');
        }

        foreach (var source in result.GeneratedSources)
        {
            text.Append("// ").Append(source.HintName).Append('\n').Append(source.SourceText).Append('\n');
        }

        return text.ToString();
    }
}
