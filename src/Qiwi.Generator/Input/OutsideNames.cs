using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Qiwi.Generator.Input;

/// <summary>
/// A name from outside the spec that a spec's generated code would meet and break on: <paramref name="Type"/> is the
/// generated type it clashes with (reported where the spec names it), or null for the namespace or a name the code
/// uses (reported at the file); <paramref name="Option"/> tells a clash that another QiwiNamespace avoids (QIWI0011) from
/// one in every namespace (QIWI0021).
/// </summary>
internal sealed record OutsideClash(string Path, string? Type, string Reason, bool Option);

/// <summary>
/// The names the generated code of each spec would meet from outside the spec and break on, read from the compilation
/// (only these strings leave it, so an edit that changes none re-runs nothing downstream):
/// <list type="bullet">
/// <item>a public type or a namespace of a referenced assembly with the full name of a type the spec generates (CS0436,
/// CS0437 at every use in the generated code), or with the spec's namespace or a part of it as a type (CS0435);</item>
/// <item>a type named <c>System</c> or <c>Qiwi</c> in the global namespace (CS0434 at every <c>global::System</c>), from
/// a reference or the project;</item>
/// <item>anything that <c>var</c> or <c>nameof</c> binds to in the spec's namespace (a type <c>var</c>, a namespace or
/// method <c>nameof</c>, from a reference, the project, a <c>global using</c> alias, a global using or a global using
/// static): the generated code declares its locals with <c>var</c> and names its parameters with <c>nameof</c>.</item>
/// </list>
/// The generated code names the framework and the runtime with <c>global::</c>, and its own types bare (found in its own
/// namespace before any using), so a type of a referenced assembly elsewhere, an alias or a using named like one of
/// them (<c>HttpClient</c>, <c>Task</c>, <c>Bill</c>) meets nothing.
/// </summary>
internal static partial class OutsideNames
{
    /// <summary>The roots of the names the generated code writes with <c>global::</c>.</summary>
    private static readonly string[] Roots = { "System", "Qiwi" };

    /// <summary>The runtime's namespace, which the project imports beside the spec's.</summary>
    private const string RuntimeNamespace = "Qiwi.Runtime";

    public static EquatableArray<OutsideClash> Of(EquatableArray<NamespaceClaim> claims, Compilation compilation, CancellationToken cancellationToken)
    {
        if (claims.Count == 0)
        {
            return EquatableArray<OutsideClash>.Empty;
        }

        var clashes = new List<OutsideClash>();
        var assemblies = Assemblies(compilation);
        foreach (var root in Roots)
        {
            foreach (var type in TypesIn(assemblies, string.Empty, root))
            {
                foreach (var claim in claims)
                {
                    clashes.Add(new OutsideClash(claim.Path, null, Origin(type, compilation) + " declares a type " + root + " in the global namespace, which hides the namespace "
                        + root + " that the generated code names (global::" + root + "); rename that type or put it in a namespace", Option: false));
                }
            }
        }

        var lookedUp = new Dictionary<string, string?>(StringComparer.Ordinal); // var and nameof, once per namespace
        foreach (var claim in claims)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (InNamespace(claim, compilation, assemblies) is OutsideClash clash)
            {
                clashes.Add(clash);
            }

            if (RuntimeNamed(claim, assemblies) is OutsideClash runtime)
            {
                clashes.Add(runtime);
            }

            if (!lookedUp.TryGetValue(claim.Namespace, out var hijacked))
            {
                hijacked = lookedUp[claim.Namespace] = Hijacked(claim.Namespace, compilation, assemblies, cancellationToken);
            }

            if (hijacked is not null)
            {
                clashes.Add(new OutsideClash(claim.Path, null, hijacked, Option: false));
            }
        }

        return new EquatableArray<OutsideClash>(clashes.ToArray());
    }

    /// <summary>The first referenced type or namespace the claim's namespace or types clash with, if any.</summary>
    private static OutsideClash? InNamespace(NamespaceClaim claim, Compilation compilation, List<IAssemblySymbol> assemblies)
    {
        var parts = claim.Namespace.Split('.');
        var path = string.Empty;
        for (var i = 0; i < parts.Length; i++)
        {
            foreach (var type in TypesIn(assemblies, path, parts[i]))
            {
                // The project's own types are ProjectTypes' (which knows a partial declaration from a clash).
                if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
                {
                    return new OutsideClash(claim.Path, null, Origin(type, compilation) + " declares the type " + type.ToDisplayString()
                        + ", and a namespace cannot have a type's name; set QiwiNamespace outside it", Option: true);
                }
            }

            path = i == 0 ? parts[0] : path + "." + parts[i];
        }

        foreach (var space in In(assemblies, claim.Namespace))
        {
            var assembly = space.ContainingAssembly;
            foreach (var name in claim.TypeNames)
            {
                if (!assembly.TypeNames.Contains(name) && !assembly.NamespaceNames.Contains(name))
                {
                    continue;
                }

                foreach (var member in space.GetMembers(name))
                {
                    var clashes = member switch
                    {
                        INamespaceSymbol => true,
                        INamedTypeSymbol type => type.Arity == 0 && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly) && Visible(type),
                        _ => false,
                    };
                    if (clashes)
                    {
                        var what = member is INamespaceSymbol ? "the namespace " : "the type ";
                        return new OutsideClash(claim.Path, name, Origin(member, compilation) + " declares " + what + claim.Namespace + "." + name
                            + ", which this spec generates as a type too; set QiwiNamespace to a namespace of the spec's own", Option: true);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The first type the claim generates with the name of a public type of the runtime's namespace (a client named
    /// <c>Qiwi</c> makes <c>QiwiClientOptions</c>): the generated code names the runtime with <c>global::</c> and compiles,
    /// but the project's code imports both namespaces (the generated API takes and returns the runtime's types) and could
    /// name neither (CS0104).
    /// </summary>
    private static OutsideClash? RuntimeNamed(NamespaceClaim claim, List<IAssemblySymbol> assemblies)
    {
        if (claim.Namespace == RuntimeNamespace)
        {
            return null;
        }

        foreach (var runtime in In(assemblies, RuntimeNamespace))
        {
            var names = runtime.ContainingAssembly.TypeNames;
            foreach (var name in claim.TypeNames)
            {
                if (!names.Contains(name))
                {
                    continue;
                }

                foreach (var type in runtime.GetTypeMembers(name, 0))
                {
                    if (type.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }

                    return new OutsideClash(claim.Path, name, "the generated type " + claim.Namespace + "." + name + " would have the name of the runtime's type " + type.ToDisplayString()
                        + ", and code that imports both namespaces (using " + RuntimeNamespace + ";) could name neither (CS0104); rename it in the spec (or choose another client name)", Option: false);
                }
            }
        }

        return null;
    }

    private static string Reason(string ns, string name, string source)
        => "in the namespace " + ns + " '" + name + "' names something from " + source + ", and the generated code "
           + (name == "var" ? "declares its locals with var" : "names its parameters with nameof")
           + "; remove or rename it, or set QiwiNamespace to a namespace it does not reach";

    private static string Origin(ISymbol symbol, Compilation compilation)
    {
        var assembly = symbol is INamespaceSymbol ns
            ? ns.ConstituentNamespaces.Select(n => n.ContainingAssembly).FirstOrDefault(a => a is not null && !SymbolEqualityComparer.Default.Equals(a, compilation.Assembly))
            : symbol.ContainingAssembly;
        return assembly is null || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) ? "the project" : "the referenced assembly " + assembly.Name;
    }
}
