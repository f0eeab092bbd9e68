using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Model;

/// <summary>A generated top-level type's name and the place in the spec its name comes from (a schema's key, an operationId, the client's name).</summary>
internal readonly record struct TypePlace(string Name, SourceSpan Span);

/// <summary>The generated top-level types of one spec file and their places, kept beside the model (which holds no positions).</summary>
internal sealed record TypePlaces(string FilePath, EquatableArray<TypePlace> Places)
{
    /// <summary>The place of <paramref name="typeName"/>, or the file's start when it has none.</summary>
    public SourceSpan Of(string typeName)
    {
        foreach (var place in Places)
        {
            if (place.Name == typeName)
            {
                return place.Span;
            }
        }

        return SourceSpan.Empty;
    }
}
