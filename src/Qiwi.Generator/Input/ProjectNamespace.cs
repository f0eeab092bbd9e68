using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Generator.Input;

/// <summary>
/// The namespace a spec without <c>QiwiNamespace</c> gets from the project's <c>RootNamespace</c>. The SDK's default
/// RootNamespace is the project's file name with spaces made underscores, so a project named <c>my-app</c> or
/// <c>2024.Shop</c> has one that is no C# namespace: it is made one the way Visual Studio's templates do (every
/// character that cannot be in an identifier becomes <c>_</c>; a part that cannot start an identifier, or is a
/// keyword, gets a leading <c>_</c>), because the user never wrote it. A <c>QiwiNamespace</c> the user wrote is checked as
/// written (QIWI0011).
/// </summary>
internal static class ProjectNamespace
{
    public static string From(string rootNamespace)
    {
        var builder = new StringBuilder(rootNamespace.Length + 4);
        foreach (var part in rootNamespace.Trim().Split('.'))
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            var start = builder.Length;
            foreach (var c in part)
            {
                builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            var made = builder.ToString(start, builder.Length - start);
            if (made.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(made[0]) || SyntaxFacts.GetKeywordKind(made) != SyntaxKind.None)
            {
                builder.Insert(start, '_');
            }
        }

        return builder.ToString();
    }
}
