using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qiwi.Generator.Diagnostics;

/// <summary>
/// A diagnostic as the pipeline carries it: equatable values only (no <see cref="Location"/>,
/// no <see cref="Diagnostic"/>), turned into a Roslyn diagnostic when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, SourceSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, SourceSpan span, params string[] arguments)
        => new(descriptor.Id, filePath, span, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var descriptor = DiagnosticDescriptors.Find(Id);
        var location = Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.StartLine, Span.StartColumn), new LinePosition(Span.EndLine, Span.EndColumn)));
        return Diagnostic.Create(descriptor, location, Arguments.AsArray());
    }
}
