using Microsoft.CodeAnalysis;

namespace Qiwi.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports; each is described in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Qiwi.Generator";
    private const string HelpBase = "https://github.com/qiwi-toolkit/qiwi-toolkit/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor InvalidYaml = Error(
        "QIWI0001", "The spec is not valid YAML", "The spec is not valid YAML: {0}");

    public static readonly DiagnosticDescriptor UnresolvedReference = Error(
        "QIWI0002", "A $ref cannot be resolved", "The reference '{0}' cannot be resolved{1}");

    public static readonly DiagnosticDescriptor MissingOperationId = Error(
        "QIWI0003", "An operation has no operationId", "The operation {0} has no operationId; it is skipped (add 'operationId' to name its method)");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Error(
        "QIWI0004", "The spec uses a construct the generator does not support", "{0} is not supported: {1}");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
        "QIWI0005", "A name is not a valid C# identifier", "'{0}' (from {1}) is not a valid C# identifier; set x-qiwi-name to a valid one");

    public static readonly DiagnosticDescriptor DuplicateIdentifier = Error(
        "QIWI0006", "Two items map to the same C# name", "'{0}' is generated for both {1} and {2}; set x-qiwi-name on one of them");

    public static readonly DiagnosticDescriptor EnumWithoutNames = Error(
        "QIWI0007", "An enum has no member names", "The enum {0} has no name for the value '{1}'; list every value in x-qiwi-enum with a 'name'");

    public static readonly DiagnosticDescriptor ConflictingExtension = Error(
        "QIWI0008", "An x-qiwi extension contradicts the spec", "{0} contradicts the spec: {1}");

    public static readonly DiagnosticDescriptor InvalidExtension = Error(
        "QIWI0009", "An x-qiwi extension has an invalid value", "{0} is invalid: {1}");

    public static readonly DiagnosticDescriptor NotOpenApi = Error(
        "QIWI0010", "The file is not an OpenAPI 3.0 document", "The file is not an OpenAPI 3.0 document: {0}");

    public static readonly DiagnosticDescriptor InvalidOption = Error(
        "QIWI0011", "An MSBuild option of the spec is invalid", "The option {0} = '{1}' is invalid: {2}");

    public static readonly DiagnosticDescriptor InvalidPathTemplate = Error(
        "QIWI0012", "A path template is malformed", "The path '{0}' is not a valid template: {1}");

    public static readonly DiagnosticDescriptor Cycle = Error(
        "QIWI0013", "A reference or alias refers to itself", "{0} refers to itself ({1}); break the cycle");

    public static readonly DiagnosticDescriptor DuplicateOperation = Error(
        "QIWI0014", "Two operations have the same operationId", "The operationId '{0}' of {1} is already used by {2}; operationIds must be unique (this operation is skipped)");

    public static readonly DiagnosticDescriptor InvalidNumber = Error(
        "QIWI0015", "A number in the spec is not valid", "'{0}' ({1}) is not a valid number: {2}");

    public static readonly DiagnosticDescriptor LimitExceeded = Error(
        "QIWI0016", "The spec exceeds a limit of the generator", "The spec exceeds the generator's limit on {0}; nothing is generated from it");

    public static readonly DiagnosticDescriptor UnknownExtension = Warning(
        "QIWI0017", "An x-qiwi extension is not one the generator reads", "'{0}' is not an extension the generator reads, so it is ignored{1}; the extensions are listed in docs/spec-extensions.md");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "QIWI0018", "The project's C# version is older than the generated code needs", "The project compiles C# {0}; the code generated from this spec needs C# {1} or later (set <LangVersion> to {1} or later, or remove it), so nothing is generated from it");

    public static readonly DiagnosticDescriptor PropsNotImported = Warning(
        "QIWI0019", "Qiwi.Generator.props is not imported, so the spec's item metadata are not seen", "Qiwi.Generator.props is not imported into this project, so the generator sees none of this spec's item metadata (QiwiNamespace, QiwiClientName, QiwiVisibility, QiwiSpec, the limits): it uses their defaults. Add <Import Project=\"<clone>/src/Qiwi.Generator/build/Qiwi.Generator.props\" /> next to the generator's ProjectReference, or reference the Qiwi.Generator package");

    public static readonly DiagnosticDescriptor NoSpec = Warning(
        "QIWI0020", "The project uses the generator but lists no spec, so nothing is generated", "The project uses Qiwi.Generator but lists no spec, so nothing is generated into namespace '{0}' (no client, models or enums). Run `dotnet build -t:QiwiAddSpec` to copy the reference spec into the project as qiwi-pull.yaml, or list yours: <AdditionalFiles Include=\"specs/payments.yaml\" QiwiSpec=\"true\" /> (a file not named qiwi*.yaml or qiwi*.yml needs QiwiSpec=\"true\")");

    public static readonly DiagnosticDescriptor OutsideName = Error(
        "QIWI0021", "A name from outside the spec breaks the generated code", "Nothing is generated from this spec: {0}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "QIWI9999", "The generator failed", "The Qiwi generator failed on this spec (a bug; please report it with the spec): {0}");

    private static readonly DiagnosticDescriptor[] All =
    {
        InvalidYaml, UnresolvedReference, MissingOperationId, UnsupportedConstruct, InvalidIdentifier, DuplicateIdentifier,
        EnumWithoutNames, ConflictingExtension, InvalidExtension, NotOpenApi, InvalidOption, InvalidPathTemplate, Cycle,
        DuplicateOperation, InvalidNumber, LimitExceeded, UnknownExtension, LanguageVersionTooOld, PropsNotImported, NoSpec, OutsideName, InternalError,
    };

    public static DiagnosticDescriptor Find(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return InternalError;
    }

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
