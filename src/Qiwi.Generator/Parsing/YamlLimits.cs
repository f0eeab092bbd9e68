namespace Qiwi.Generator.Parsing;

/// <summary>
/// What the generator reads from one spec file at most (QIWI0016 beyond). The real spec is about
/// 70 KB, 10 levels deep and a few thousand nodes, so each limit leaves room by two orders of magnitude
/// while keeping an adversarial file to a few hundred milliseconds and bounded memory.
/// These are the defaults: a project can change the document size and the expanded nodes per spec (<see cref="SpecLimits"/>).
/// Documented in docs/diagnostics.md (QIWI0016) and docs/reliability.md.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Characters in the file.</summary>
    public const int MaxDocumentLength = 4 * 1024 * 1024;

    /// <summary>Maps and sequences open at once.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes after expanding every alias (an alias counts the whole node it repeats).</summary>
    public const long MaxExpandedNodes = 250_000;
}
