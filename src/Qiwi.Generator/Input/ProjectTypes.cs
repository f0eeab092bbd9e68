using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Qiwi.Generator.Input;

/// <summary>
/// The full names of the project's own top-level types that a generated type of the same name would clash with: not
/// generic, not <c>partial</c> (a partial declaration may extend a generated partial type; a wrong one is the
/// compiler's clear CS0260/CS0261), not <c>file</c>-local. Read from syntax alone, so that an edit of a method body
/// changes nothing the generator compares.
/// </summary>
internal static class ProjectTypes
{
    public static bool IsCandidate(SyntaxNode node)
        => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
           && node.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax;

    /// <summary>"Ns.Type" (or "Type" in the global namespace), or null for a declaration that cannot clash.</summary>
    public static string? FullNameOf(SyntaxNode node)
    {
        var (name, modifiers, generic) = node switch
        {
            TypeDeclarationSyntax type => (type.Identifier.ValueText, type.Modifiers, type.TypeParameterList is not null),
            EnumDeclarationSyntax type => (type.Identifier.ValueText, type.Modifiers, false),
            DelegateDeclarationSyntax type => (type.Identifier.ValueText, type.Modifiers, type.TypeParameterList is not null),
            _ => (string.Empty, default(SyntaxTokenList), true),
        };
        if (generic || modifiers.Any(SyntaxKind.PartialKeyword) || modifiers.Any(SyntaxKind.FileKeyword))
        {
            return null;
        }

        var builder = new StringBuilder(name);
        for (var parent = node.Parent; parent is BaseNamespaceDeclarationSyntax ns; parent = parent.Parent)
        {
            builder.Insert(0, '.').Insert(0, Plain(ns.Name));
        }

        return builder.ToString();
    }

    private static string Plain(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => Plain(qualified.Left) + "." + qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => name.ToString(),
    };
}
