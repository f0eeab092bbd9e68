namespace Qiwi.Generator.Input;

/// <summary>
/// Per-spec options from MSBuild item metadata (QiwiNamespace, QiwiClientName, QiwiVisibility, QiwiMaxSpecCharacters,
/// QiwiMaxSpecNodes) and the project's RootNamespace. Null means "not set"; values are as written (checked by the reader).
/// <see cref="MetadataUnseen"/>: an MSBuild build without Qiwi.Generator.props, where no item metadata reaches the generator.
/// </summary>
internal sealed record SpecOptions(
    string? Namespace,
    string? ClientName,
    string? Visibility,
    string RootNamespace,
    string? MaxCharacters = null,
    string? MaxNodes = null,
    bool MetadataUnseen = false);
