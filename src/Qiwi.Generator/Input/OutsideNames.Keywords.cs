using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Qiwi.Generator.Input;

/// <summary>The rule of <see cref="OutsideNames"/> for <c>var</c> and <c>nameof</c>: what they would bind to in the spec's namespace.</summary>
internal static partial class OutsideNames
{
    /// <summary>
    /// What <c>var</c> or <c>nameof</c> would bind to other than the keyword in code in <paramref name="ns"/>, or null: as
    /// the compiler looks them up from there (found by the sweep against the compiler itself), without binding any code.
    /// <c>var</c> is taken by a type (or an alias of one) named so in the namespace, a namespace around it, a namespace a
    /// global using imports, or a class a global using static imports; <c>nameof</c> by a namespace of that name there
    /// (or an alias of one), or a static method of a class a global using static imports. A type named <c>nameof</c>, and
    /// a namespace named <c>var</c>, leave the keywords alone.
    /// </summary>
    private static string? Hijacked(string ns, Compilation compilation, List<IAssemblySymbol> assemblies, CancellationToken cancellationToken)
    {
        // Only an assembly with a type var or a namespace nameof somewhere can take them (most projects have none).
        var suspects = assemblies.FindAll(assembly => assembly.TypeNames.Contains("var") || assembly.NamespaceNames.Contains("nameof"));
        for (var path = ns; suspects.Count > 0; path = path.Substring(0, Math.Max(0, path.LastIndexOf('.'))))
        {
            foreach (var scope in In(suspects, path))
            {
                if (Taken(scope, compilation) is string found)
                {
                    return Reason(ns, found, path.Length == 0 ? "the global namespace" : "the namespace " + path);
                }
            }

            if (path.Length == 0)
            {
                break;
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.None))
                {
                    continue;
                }

                if (directive.Alias is { } alias)
                {
                    var name = alias.Name.Identifier.ValueText;
                    if (name is "var" or "nameof")
                    {
                        model ??= compilation.GetSemanticModel(tree);
                        var target = (model.GetDeclaredSymbol(directive, cancellationToken) as IAliasSymbol)?.Target;
                        if (name == "var" ? target is ITypeSymbol : target is INamespaceSymbol)
                        {
                            return Reason(ns, name, "the alias 'global using " + name + " = " + directive.Name + ";'");
                        }
                    }

                    continue;
                }

                if (directive.Name is null)
                {
                    continue;
                }

                // A global using's name is a full one (from the global namespace; a generic class is not looked into),
                // found assembly by assembly as above, without binding it.
                var full = FullName(directive.Name);
                string? found = null;
                if (directive.StaticKeyword.IsKind(SyntaxKind.None))
                {
                    foreach (var space in In(suspects, full))
                    {
                        found ??= HasType(space.GetTypeMembers("var"), compilation) ? "var" : null;
                    }
                }
                else
                {
                    var dot = full.LastIndexOf('.');
                    foreach (var type in TypesIn(assemblies, dot < 0 ? string.Empty : full.Substring(0, dot), full.Substring(dot + 1)))
                    {
                        found ??= TakenByStatic(type, compilation);
                    }
                }

                if (found is not null)
                {
                    return Reason(ns, found, "'global using " + (directive.StaticKeyword.IsKind(SyntaxKind.None) ? string.Empty : "static ") + directive.Name + ";'");
                }
            }
        }

        return null;
    }

    /// <summary>A name as written, without <c>global::</c> and spaces (<c>global::System . Linq</c> gives System.Linq).</summary>
    private static string FullName(NameSyntax name)
    {
        var text = name.ToString().Replace(" ", string.Empty);
        return text.StartsWith("global::", StringComparison.Ordinal) ? text.Substring("global::".Length) : text;
    }

    /// <summary>"var" when the namespace has a type var, "nameof" when it has a namespace nameof, else null.</summary>
    private static string? Taken(INamespaceSymbol scope, Compilation compilation)
    {
        if (HasType(scope.GetTypeMembers("var"), compilation))
        {
            return "var";
        }

        foreach (var member in scope.GetMembers("nameof"))
        {
            if (member is INamespaceSymbol)
            {
                return "nameof";
            }
        }

        return null;
    }

    /// <summary>"var" when a class imported by a global using static has a nested type var, "nameof" when it has a static method nameof.</summary>
    private static string? TakenByStatic(INamedTypeSymbol type, Compilation compilation)
    {
        if (HasType(type.GetTypeMembers("var"), compilation))
        {
            return "var";
        }

        foreach (var member in type.GetMembers("nameof"))
        {
            if (member is IMethodSymbol { IsStatic: true } method && compilation.IsSymbolAccessibleWithin(method, compilation.Assembly))
            {
                return "nameof";
            }
        }

        return null;
    }

    private static bool HasType(System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> types, Compilation compilation)
    {
        foreach (var type in types)
        {
            if (compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                return true;
            }
        }

        return false;
    }
}
