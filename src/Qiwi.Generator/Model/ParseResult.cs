using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Model;

/// <summary>The parser's output: the model (null when nothing could be read) and the diagnostics, kept apart.</summary>
internal sealed record ParseResult(SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
