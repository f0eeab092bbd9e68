using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qiwi.Generator.Input;

/// <summary>
/// Decides which AdditionalFiles are specs and reads their options from item metadata:
/// <c>QiwiSpec</c> (true/false), <c>QiwiNamespace</c>, <c>QiwiClientName</c>, <c>QiwiVisibility</c>,
/// <c>QiwiMaxSpecCharacters</c>, <c>QiwiMaxSpecNodes</c>.
/// Without <c>QiwiSpec</c>, a YAML file whose name starts with "qiwi" is a spec.
/// </summary>
internal static class SpecFileSelector
{
    private const string Metadata = "build_metadata.AdditionalFiles.";

    public static SpecFile? Select(AdditionalText text, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        var options = optionsProvider.GetOptions(text);
        var flag = Get(options, "QiwiSpec");
        var name = Path.GetFileName(text.Path);
        var isSpec = flag is not null
            ? string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase)
            : name.StartsWith("qiwi", StringComparison.OrdinalIgnoreCase)
              && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));
        if (!isSpec)
        {
            return null;
        }

        optionsProvider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        var specOptions = new SpecOptions(
            Get(options, "QiwiNamespace"),
            Get(options, "QiwiClientName"),
            Get(options, "QiwiVisibility"),
            rootNamespace ?? string.Empty,
            Get(options, "QiwiMaxSpecCharacters"),
            Get(options, "QiwiMaxSpecNodes"));
        try
        {
            var source = text.GetText(cancellationToken);
            var content = source is null ? string.Empty : SpecTextContent.Of(source);
            return new SpecFile(text.Path, content, specOptions);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new SpecFile(text.Path, string.Empty, specOptions, exception.ToString());
        }
    }

    private static string? Get(AnalyzerConfigOptions options, string name)
        => options.TryGetValue(Metadata + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
