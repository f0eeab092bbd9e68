namespace Qiwi.Generator.Input;

/// <summary>
/// A spec file and the options that apply to it: the first equatable value of the pipeline.
/// <see cref="LoadError"/> is set (and <see cref="Text"/> empty) when the host failed to give the text.
/// </summary>
internal sealed record SpecFile(string Path, string Text, SpecOptions Options, string? LoadError = null);
