using System.Collections.Generic;
using System.Globalization;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Input;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// The two limits that grow with a spec's size, for one spec file: <see cref="YamlLimits"/>' values unless the
/// project raises (or lowers) them with the item metadata <c>QiwiMaxSpecCharacters</c> and <c>QiwiMaxSpecNodes</c>
/// (docs/configuration.md). The nesting depth is not configurable: it bounds the reader's stack, not the input's size.
/// </summary>
internal sealed record SpecLimits(int MaxDocumentLength, long MaxExpandedNodes)
{
    public const string CharactersOption = "QiwiMaxSpecCharacters";
    public const string NodesOption = "QiwiMaxSpecNodes";

    public static readonly SpecLimits Default = new(YamlLimits.MaxDocumentLength, YamlLimits.MaxExpandedNodes);

    /// <summary>The limits <paramref name="options"/> ask for; a value that is not a positive whole number is QIWI0011 and the default stays.</summary>
    public static SpecLimits For(string filePath, SpecOptions options, List<DiagnosticInfo> diagnostics)
    {
        if (options.MaxCharacters is null && options.MaxNodes is null)
        {
            return Default;
        }

        var characters = Read(filePath, CharactersOption, options.MaxCharacters, int.MaxValue, Default.MaxDocumentLength, diagnostics);
        var nodes = Read(filePath, NodesOption, options.MaxNodes, long.MaxValue, Default.MaxExpandedNodes, diagnostics);
        return new SpecLimits((int)characters, nodes);
    }

    private static long Read(string filePath, string option, string? value, long max, long fallback, List<DiagnosticInfo> diagnostics)
    {
        if (value is null)
        {
            return fallback;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && parsed <= max)
        {
            return parsed;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, filePath, SourceSpan.Empty, option, value,
            "use a whole number from 1 to " + max.ToString(CultureInfo.InvariantCulture) + " (the default is " + fallback.ToString(CultureInfo.InvariantCulture) + ")"));
        return fallback;
    }
}
