using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Input;

/// <summary>
/// A spec file and the options that apply to it: the first equatable value of the pipeline. <see cref="Refusal"/> is set
/// (and <see cref="Text"/> empty) when the file is not read at all, with the diagnostic that says why: the host had no
/// text for it, failed to give it (an exception, QIWI9999), or its <c>QiwiSpec</c> is neither true nor false.
/// </summary>
internal sealed record SpecFile(string Path, string Text, SpecOptions Options, DiagnosticInfo? Refusal = null);
