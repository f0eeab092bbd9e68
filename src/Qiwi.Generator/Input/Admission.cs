using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Input;

/// <summary>The namespace a spec's code goes into, the spec that claims it, and the names of the types it puts there.</summary>
internal sealed record NamespaceClaim(string Namespace, string Path, EquatableArray<string> TypeNames)
{
    /// <summary>
    /// The types the parser's registry found the spec generates (<see cref="SpecModel.TypeNames"/>: a type with a file
    /// of its own or in another's, not a name only reserved), and the dependency injection extensions when the project
    /// references the package (<paramref name="dependencyInjection"/>) and the spec has a client to register.
    /// </summary>
    public static NamespaceClaim Of(SpecModel model, bool dependencyInjection)
    {
        var names = model.TypeNames;
        if (SourceEmitter.DependencyInjectionType(model, dependencyInjection) is string extensions)
        {
            var all = new string[names.Count + 1];
            System.Array.Copy(names.AsArray(), all, names.Count);
            all[names.Count] = extensions;
            System.Array.Sort(all, StringComparer.Ordinal);
            names = new EquatableArray<string>(all);
        }

        return new(model.Namespace, model.FilePath, names);
    }
}

/// <summary>
/// Whether a read spec's code is generated into this project: not when the project's C# is older than the code needs
/// (QIWI0018, once, rather than a compile error per member), and not when another spec of the project (the one whose
/// path sorts first keeps it) generates into the same namespace, or has a type whose full name is this spec's namespace
/// or a part of it (Shop and Shop.Item, where the first has a type Item; the inner one is refused): QIWI0011 on
/// QiwiNamespace. Their types and files would share names, and the driver would drop the whole generator (CS8785).
/// Nor when the project itself declares (not partially) a type the spec generates, as a shop's own <c>Currency</c> in
/// the root namespace the spec goes into by default: QIWI0011 naming the type, rather than CS0101 in a generated file.
/// </summary>
/// <param name="Type">The generated type (simple name) the refusal is about, if any: it is reported where the spec names it.</param>
internal sealed record Admission(SpecModel Model, DiagnosticInfo? Refusal, string? Type = null)
{
    /// <summary>C# 11: the generated models use <c>required</c> members.</summary>
    public const LanguageVersion Minimum = LanguageVersion.CSharp11;

    public static Admission Of(SpecModel model, int languageVersion, EquatableArray<NamespaceClaim> claims, EquatableArray<string> projectTypes, EquatableArray<OutsideClash> outside = default)
    {
        if (languageVersion < (int)Minimum)
        {
            return new(model, DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, model.FilePath, SourceSpan.Empty,
                ((LanguageVersion)languageVersion).ToDisplayString(), Minimum.ToDisplayString()));
        }

        foreach (var claim in claims)
        {
            if (claim.Path == model.FilePath)
            {
                if (Declared(claim, projectTypes) is string declared)
                {
                    var inside = model.Namespace.StartsWith(declared, StringComparison.Ordinal);
                    return Refused(model, "the project declares the type " + declared + (inside
                        ? ", and a namespace cannot have a type's name; set QiwiNamespace outside it, or rename your type"
                        : ", which this spec generates too; set QiwiNamespace to a namespace of the spec's own, or rename your type"))
                        with { Type = inside ? null : declared.Substring(model.Namespace.Length + 1) };
                }

                continue;
            }

            if (claim.Namespace == model.Namespace && string.CompareOrdinal(claim.Path, model.FilePath) < 0)
            {
                return Refused(model, "the spec " + claim.Path + " generates into this namespace too; give each spec its own QiwiNamespace");
            }

            if (TypeOf(claim, model.Namespace) is string type)
            {
                return Refused(model, "the spec " + claim.Path + " generates the type " + claim.Namespace + "." + type
                    + ", and a namespace cannot have a type's name; give this spec a QiwiNamespace outside it");
            }
        }

        // A name from outside the spec, from a referenced assembly or the project's global usings (OutsideNames).
        foreach (var clash in outside)
        {
            if (clash.Path == model.FilePath)
            {
                return clash.Option
                    ? Refused(model, clash.Reason) with { Type = clash.Type }
                    : new(model, DiagnosticInfo.Create(DiagnosticDescriptors.OutsideName, model.FilePath, SourceSpan.Empty, clash.Reason), clash.Type);
            }
        }

        return new(model, null);
    }

    private static Admission Refused(SpecModel model, string reason)
        => new(model, DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, model.FilePath, SourceSpan.Empty, "QiwiNamespace", model.Namespace, reason));

    /// <summary>
    /// The first of the project's own types that the claim's spec generates too, or whose full name is the spec's
    /// namespace or a part of it (a class MyApp.Qiwi, and QiwiNamespace MyApp.Qiwi), if any.
    /// </summary>
    private static string? Declared(NamespaceClaim claim, EquatableArray<string> projectTypes)
    {
        if (projectTypes.Count == 0)
        {
            return null;
        }

        var names = new HashSet<string>(projectTypes, StringComparer.Ordinal);
        for (var dot = claim.Namespace.IndexOf('.'); ; dot = claim.Namespace.IndexOf('.', dot + 1))
        {
            var part = dot < 0 ? claim.Namespace : claim.Namespace.Substring(0, dot);
            if (names.Contains(part))
            {
                return part;
            }

            if (dot < 0)
            {
                break;
            }
        }

        foreach (var type in claim.TypeNames)
        {
            var full = claim.Namespace + "." + type;
            if (names.Contains(full))
            {
                return full;
            }
        }

        return null;
    }

    /// <summary>The claim's type that <paramref name="ns"/> is, or lies inside, if any.</summary>
    private static string? TypeOf(NamespaceClaim claim, string ns)
    {
        if (ns.Length <= claim.Namespace.Length + 1 || !ns.StartsWith(claim.Namespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns.Substring(claim.Namespace.Length + 1);
        var dot = rest.IndexOf('.');
        var segment = dot < 0 ? rest : rest.Substring(0, dot);
        foreach (var type in claim.TypeNames)
        {
            if (type == segment)
            {
                return type;
            }
        }

        return null;
    }
}
