using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Qiwi.Generator.Parsing;

/// <summary>Wire names to C# names: <c>bill_id</c> -> <c>BillId</c> / <c>billId</c>.</summary>
internal static class Naming
{
    /// <summary>Splits on '_', '-', '.', ' ' and lower-to-upper case changes, and PascalCases the parts.</summary>
    public static string ToPascalCase(string wireName)
    {
        var builder = new StringBuilder(wireName.Length);
        var startOfPart = true;
        for (var i = 0; i < wireName.Length; i++)
        {
            var c = wireName[i];
            if (c is '_' or '-' or '.' or ' ' or '/')
            {
                startOfPart = true;
                continue;
            }

            if (startOfPart)
            {
                builder.Append(char.ToUpperInvariant(c));
                startOfPart = false;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>camelCase of a PascalCase name, escaped with '@' when it is a keyword.</summary>
    public static string ToParameterName(string pascalName)
    {
        if (pascalName.Length == 0)
        {
            return pascalName;
        }

        var camel = char.ToLowerInvariant(pascalName[0]) + pascalName.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
    }

    /// <summary>True for a name usable as a type or member name (not a keyword).</summary>
    public static bool IsValidIdentifier(string name)
        => SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
