namespace Qiwi.Generator.Emit;

/// <summary>One emitted file.</summary>
internal sealed record GeneratedSource(string HintName, string Text);
