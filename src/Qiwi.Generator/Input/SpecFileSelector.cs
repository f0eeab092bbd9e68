using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Input;

/// <summary>
/// Decides which AdditionalFiles are specs and reads their options from item metadata:
/// <c>QiwiSpec</c> (true/false), <c>QiwiNamespace</c>, <c>QiwiClientName</c>, <c>QiwiVisibility</c>,
/// <c>QiwiMaxSpecCharacters</c>, <c>QiwiMaxSpecNodes</c>.
/// Without <c>QiwiSpec</c>, a YAML file whose name starts with "qiwi" is a spec. A <c>QiwiSpec</c> other than true or
/// false (any case) is QIWI0011 at the file, which is then not read: a typo must not turn a spec off without a word.
/// A file the host has no text for (missing, a directory) is QIWI0001 "could not be read", not "empty".
/// </summary>
internal static class SpecFileSelector
{
    private const string Metadata = "build_metadata.AdditionalFiles.";

    /// <remarks>
    /// Never throws but for the driver's cancellation: when the host fails to give a file's options (its metadata), a
    /// file named like a spec is refused with QIWI9999 and any other is not taken, so one file costs itself only (an
    /// exception out of this step would be CS8785 and drop every file of every spec).
    /// </remarks>
    public static SpecFile? Select(AdditionalText text, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        try
        {
            return SelectFile(text, optionsProvider, cancellationToken);
        }
        catch (Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            var path = PathOf(text, cancellationToken);
            var error = InternalError.OneLine(exception.ToString());
            if (path is null)
            {
                // Not even the file's path: which file it was, and so whether it is a spec, is unknown; said at no file rather than lost.
                return Refused(string.Empty, Unread, DiagnosticDescriptors.InternalError, "an additional file's path could not be read: " + error);
            }

            return NamedLikeSpec(Path.GetFileName(path)) ? Refused(path, Unread, DiagnosticDescriptors.InternalError, error) : null;
        }
    }

    private static readonly SpecOptions Unread = new(null, null, null, string.Empty);

    /// <summary>The file's path, asked again after a failure; null when the host fails to give it this time too.</summary>
    private static string? PathOf(AdditionalText text, CancellationToken cancellationToken)
    {
        try
        {
            return text.Path;
        }
        catch (Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            return null;
        }
    }

    private static SpecFile? SelectFile(AdditionalText text, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        var options = optionsProvider.GetOptions(text);
        var flag = Get(options, "QiwiSpec");
        var path = text.Path;
        var name = Path.GetFileName(path);
        var isSpec = flag is not null
            ? !string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase)
            : NamedLikeSpec(name);
        if (!isSpec)
        {
            return null;
        }

        var global = optionsProvider.GlobalOptions;
        global.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        var specOptions = new SpecOptions(
            Get(options, "QiwiNamespace"),
            Get(options, "QiwiClientName"),
            Get(options, "QiwiVisibility"),
            rootNamespace ?? string.Empty,
            Get(options, "QiwiMaxSpecCharacters"),
            Get(options, "QiwiMaxSpecNodes"),
            MetadataUnseen(global));
        if (flag is not null && !string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(path, specOptions, DiagnosticDescriptors.InvalidOption, "QiwiSpec", flag, "use true or false; the file is not read as a spec");
        }

        try
        {
            var source = text.GetText(cancellationToken);
            if (source is null)
            {
                // The compiler has no text for a file it could not open, and reports it (CS2001, CS1504) without the spec's name in our terms.
                return Refused(path, specOptions, DiagnosticDescriptors.InvalidYaml, "the file could not be read (it is missing, a directory, or not readable)");
            }

            return new SpecFile(path, SpecTextContent.Of(source), specOptions);
        }
        catch (Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            return Refused(path, specOptions, DiagnosticDescriptors.InternalError, InternalError.OneLine(exception.ToString()));
        }
    }

    private static bool NamedLikeSpec(string name)
        => name.StartsWith("qiwi", StringComparison.OrdinalIgnoreCase)
           && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// An MSBuild build (the SDK makes ProjectDir visible to every generator) without the marker Qiwi.Generator.props
    /// makes visible: a project that references the generator project as an analyzer and did not import the props
    /// (README), whose QiwiNamespace and the other metadata would be ignored without a word.
    /// </summary>
    private static bool MetadataUnseen(AnalyzerConfigOptions global)
        => global.TryGetValue("build_property.ProjectDir", out var projectDir) && !string.IsNullOrEmpty(projectDir)
           && !(global.TryGetValue("build_property.QiwiGeneratorProps", out var marker) && string.Equals(marker?.Trim(), "true", StringComparison.OrdinalIgnoreCase));

    private static SpecFile Refused(string path, SpecOptions options, DiagnosticDescriptor descriptor, params string[] arguments)
        => new(path, string.Empty, options, Refusal: DiagnosticInfo.Create(descriptor, path, SourceSpan.Empty, arguments));

    private static string? Get(AnalyzerConfigOptions options, string name)
        => options.TryGetValue(Metadata + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
