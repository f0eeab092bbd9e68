using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Input;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator;

/// <summary>
/// spec (AdditionalFiles) -> <see cref="SpecFile"/> -> <see cref="ParseResult"/> (model + diagnostics)
/// -> one <see cref="OutputUnit"/> per generated file -> C# sources. Only equatable values flow between the steps.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class QiwiGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => SpecFileSelector.Select(pair.Left, pair.Right, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.SpecFiles);

        // A build that lists no spec generates nothing, and the first sign would be CS0246 on the namespace the client
        // was to be in: QIWI0020 says why. Only in an MSBuild build (ProjectDir), where a project chose to use the
        // generator; only a bool and the root namespace leave the options.
        var noSpec = specFiles
            .Collect()
            .Select(static (files, _) => files.IsEmpty)
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (provider, cancellationToken) => NoSpecWarning.Namespace(provider, cancellationToken)));
        context.RegisterSourceOutput(noSpec, static (output, pair) =>
        {
            if (pair.Left && pair.Right is not null)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoSpec, Location.None, pair.Right));
            }
        });

        var parsed = specFiles
            .Select(static (file, cancellationToken) => Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // One step (not Select, Where, Select): each step is a table the driver builds, fills and keeps on every run.
        var models = parsed
            .SelectMany(static (result, _) => result.Model is null ? ImmutableArray<SpecModel>.Empty : ImmutableArray.Create(result.Model))
            .WithTrackingName(TrackingNames.Models);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (var diagnostic in list)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // A model is generated only when the project's C# is new enough for its code and no other spec of the project
        // generates into its namespace or into one of its types, and the project declares none of its types (Admission.cs);
        // only the version number leaves the parse options, only namespaces and type names leave the other specs' models,
        // and only the full names of top-level types leave the project's syntax.
        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : int.MaxValue);
        // Only a bool leaves the compilation, so an edit elsewhere re-runs nothing downstream.
        var hasDependencyInjection = context.CompilationProvider
            .Select(static (compilation, _) => References(compilation, "Qiwi.Extensions.DependencyInjection"))
            .WithTrackingName(TrackingNames.References);
        var claims = models
            .Combine(hasDependencyInjection)
            .Select(static (pair, _) => NamespaceClaim.Of(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Claims)
            .Collect()
            .Select(static (list, _) => new EquatableArray<NamespaceClaim>(list.ToArray()));
        var projectTypes = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => ProjectTypes.IsCandidate(node), static (syntax, _) => ProjectTypes.FullNameOf(syntax.Node))
            .Where(static name => name is not null)
            .Collect()
            .Select(static (list, _) => new EquatableArray<string>(list.Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal).ToArray()!));
        // The names the generated code would meet from referenced assemblies and the project's global usings: only
        // strings leave the compilation, so an edit that changes none re-runs nothing after this step.
        var outside = claims
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => OutsideNames.Of(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.OutsideNames);
        var admissions = models
            .Combine(languageVersion)
            .Combine(claims)
            .Combine(projectTypes)
            .Combine(outside)
            .Select(static (pair, _) => Admission.Of(pair.Left.Left.Left.Left, pair.Left.Left.Left.Right, pair.Left.Left.Right, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Admissions);
        // A refusal about one generated type is reported where the spec names that type: the places come beside the
        // model (which holds none), so a line shift re-runs this report only.
        var places = parsed
            .Select(static (result, _) => result.Places)
            .Where(static places => places is not null)
            .Collect();
        context.RegisterSourceOutput(admissions.Combine(places), static (output, pair) =>
        {
            var (admission, all) = pair;
            if (admission.Refusal is not null)
            {
                var refusal = admission.Refusal;
                if (admission.Type is not null && all.FirstOrDefault(p => p!.FilePath == refusal.FilePath) is { } found)
                {
                    refusal = refusal with { Span = found.Of(admission.Type) };
                }

                output.ReportDiagnostic(refusal.ToDiagnostic());
            }
        });
        var admitted = admissions
            .SelectMany(static (admission, _) => admission.Refusal is null ? ImmutableArray.Create(admission.Model) : ImmutableArray<SpecModel>.Empty);

        // One unit per generated file, holding only what that file's emitter reads: after a spec edit the driver
        // compares each unit with the one at its place in the previous run (per group, so that a schema added to
        // the spec moves only the units after it in its group), and emits only the changed ones again.
        var groups = admitted
            .Combine(hasDependencyInjection)
            .Select(static (pair, _) => SourceEmitter.Split(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.OutputGroups);
        Emit(context, groups.SelectMany(static (g, _) => g.Enums));
        Emit(context, groups.SelectMany(static (g, _) => g.Objects));
        Emit(context, groups.SelectMany(static (g, _) => g.Client));
        Emit(context, groups.SelectMany(static (g, _) => g.Webhooks));
    }

    /// <summary>
    /// One source output per unit; an emitter that fails (a bug) costs its own file only, reported as QIWI9999. The
    /// driver does not look at its token between outputs: each file is a <see cref="Checkpoint"/>.
    /// </summary>
    private static void Emit(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<OutputUnit> units)
    {
        context.RegisterSourceOutput(units.WithTrackingName(TrackingNames.Outputs), static (output, unit) =>
        {
            var (text, error) = SourceEmitter.TryEmit(unit, output.CancellationToken);
            if (text is not null)
            {
                output.AddSource(unit.HintName, text);
            }

            if (error is not null)
            {
                output.ReportDiagnostic(error.ToDiagnostic());
            }
        });
    }

    private static bool References(Compilation compilation, string assemblyName)
    {
        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            if (reference.Name == assemblyName)
            {
                return true;
            }
        }

        return false;
    }

    private static ParseResult Parse(SpecFile file, System.Threading.CancellationToken cancellationToken)
    {
        if (file.Refusal is not null)
        {
            return new ParseResult(null, new(new[] { file.Refusal }));
        }

        try
        {
            var result = SpecReader.Read(file, cancellationToken);
            return file.Options.MetadataUnseen
                ? result with { Diagnostics = new(result.Diagnostics.AsArray().Concat(new[] { DiagnosticInfo.Create(DiagnosticDescriptors.PropsNotImported, file.Path, SourceSpan.Empty) })) }
                : result;
        }
        catch (Exception exception) when (!Checkpoint.IsCancellation(exception, cancellationToken))
        {
            return new ParseResult(null, new(new[] { Internal(file.Path, SourceSpan.Empty, exception) }));
        }
    }

    private static DiagnosticInfo Internal(string path, SourceSpan span, Exception exception)
        => DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, path, span, InternalError.Describe(exception));
}
