namespace Qiwi.Runtime;

/// <summary>Implemented by generated code from the spec's result-code enum.</summary>
public interface IQiwiResultCodeCatalog
{
    /// <summary>True (fatal: do not repeat), false (temporary), or null when unknown.</summary>
    bool? IsFatal(int resultCode);

    /// <summary>The spec's description of the code, or null.</summary>
    string? GetDescription(int resultCode);
}
