namespace Qiwi.Generator.Model;

/// <summary>
/// An enum schema. A closed one (with <c>enum</c>) becomes a C# enum with helpers; an open one
/// (only <c>x-qiwi-enum</c>) becomes string constants.
/// </summary>
internal sealed record EnumModel(
    string Name,
    string Description,
    bool IsInteger,
    bool IsOpen,
    string? Pattern,
    EquatableArray<EnumMemberModel> Members,
    string? ExtensionsName,
    string HintName)
{
    public bool HasFatal => Any(static m => m.Fatal is not null);

    public bool HasFinal => Any(static m => m.Final is not null);

    private bool Any(System.Func<EnumMemberModel, bool> predicate)
    {
        foreach (var member in Members)
        {
            if (predicate(member))
            {
                return true;
            }
        }

        return false;
    }
}
