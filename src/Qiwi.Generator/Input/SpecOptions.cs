namespace Qiwi.Generator.Input;

/// <summary>
/// Per-spec options from MSBuild item metadata (QiwiNamespace, QiwiClientName, QiwiVisibility)
/// and the project's RootNamespace. Null means "not set".
/// </summary>
internal sealed record SpecOptions(string? Namespace, string? ClientName, string? Visibility, string RootNamespace);
