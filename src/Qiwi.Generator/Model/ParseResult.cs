using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Model;

/// <summary>
/// The parser's output: the model (null when nothing could be read) and the diagnostics, kept apart; and where each
/// generated type's name is written in the spec (<see cref="TypePlaces"/>), apart from the model so that a line shift
/// leaves the model equal.
/// </summary>
internal sealed record ParseResult(SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, TypePlaces? Places = null);
