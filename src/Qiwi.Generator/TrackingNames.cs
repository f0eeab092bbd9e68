namespace Qiwi.Generator;

/// <summary>Names of the pipeline steps, so tests can check what ran and what was cached.</summary>
internal static class TrackingNames
{
    public const string SpecFiles = "QiwiSpecFiles";
    public const string Parse = "QiwiParse";
    public const string Models = "QiwiModels";
    public const string Diagnostics = "QiwiDiagnostics";
    public const string Admissions = "QiwiAdmissions";

    /// <summary>Each spec's namespace and the top-level types it generates there (Input/NamespaceClaim).</summary>
    public const string Claims = "QiwiClaims";

    /// <summary>The names from outside the specs (referenced assemblies, global usings) their generated code would break on (Input/OutsideNames).</summary>
    public const string OutsideNames = "QiwiOutsideNames";
    public const string References = "QiwiReferences";
    public const string OutputGroups = "QiwiOutputGroups";

    /// <summary>Every step that yields the units of generated files (one per group).</summary>
    public const string Outputs = "QiwiOutputs";
}
