using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Qiwi.Generator.Input;

/// <summary>The lookups of <see cref="OutsideNames"/>: types and namespaces found assembly by assembly, by full name.</summary>
internal static partial class OutsideNames
{
    /// <summary>
    /// The project's assembly and each referenced one: looked into one by one, not through the compilation's merged
    /// namespaces (built anew for each compilation), and only those whose names (kept by each assembly) allow a match.
    /// </summary>
    private static List<IAssemblySymbol> Assemblies(Compilation compilation)
    {
        var referenced = compilation.SourceModule.ReferencedAssemblySymbols;
        var all = new List<IAssemblySymbol>(referenced.Length + 1) { compilation.Assembly };
        all.AddRange(referenced);
        return all;
    }

    /// <summary>The namespace of the full name <paramref name="name"/> ("" the global one) in each assembly that has it.</summary>
    private static IEnumerable<INamespaceSymbol> In(List<IAssemblySymbol> assemblies, string name)
    {
        var parts = name.Length == 0 ? Array.Empty<string>() : name.Split('.');
        foreach (var assembly in assemblies)
        {
            if (HasAll(assembly.NamespaceNames, parts) && Namespace(assembly.GlobalNamespace, parts) is INamespaceSymbol found)
            {
                yield return found;
            }
        }
    }

    private static bool HasAll(ICollection<string> names, string[] parts)
    {
        foreach (var part in parts)
        {
            if (!names.Contains(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The public (or, in the project, any) non-generic types named <paramref name="name"/> in the namespace <paramref name="ns"/> of any assembly.</summary>
    private static IEnumerable<INamedTypeSymbol> TypesIn(List<IAssemblySymbol> assemblies, string ns, string name)
    {
        foreach (var space in In(assemblies.FindAll(assembly => assembly.TypeNames.Contains(name)), ns))
        {
            foreach (var type in space.GetTypeMembers(name, 0))
            {
                if (Visible(type))
                {
                    yield return type;
                }
            }
        }
    }

    /// <summary>A type other code sees: public (a type of the project itself is seen whatever its accessibility; a referenced internal one is not).</summary>
    private static bool Visible(INamedTypeSymbol type)
        => type.DeclaredAccessibility == Accessibility.Public || type.ContainingAssembly is ISourceAssemblySymbol;

    /// <summary>The namespace of the full name made of <paramref name="parts"/> (none: itself) below <paramref name="root"/>, or null when there is none.</summary>
    private static INamespaceSymbol? Namespace(INamespaceSymbol root, string[] parts)
    {
        var current = root;
        foreach (var part in parts)
        {
            INamespaceSymbol? next = null;
            foreach (var member in current.GetMembers(part))
            {
                if (member is INamespaceSymbol ns)
                {
                    next = ns;
                    break;
                }
            }

            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
