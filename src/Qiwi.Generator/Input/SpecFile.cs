namespace Qiwi.Generator.Input;

/// <summary>A spec file and the options that apply to it: the first equatable value of the pipeline.</summary>
internal sealed record SpecFile(string Path, string Text, SpecOptions Options);
