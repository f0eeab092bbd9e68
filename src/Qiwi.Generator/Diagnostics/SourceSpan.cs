using System;

namespace Qiwi.Generator.Diagnostics;

/// <summary>A place in a spec file: character offsets and zero-based line/column, equatable.</summary>
internal readonly record struct SourceSpan(int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceSpan Empty => default;

    public int Length => Math.Max(0, End - Start);
}
