using System.Collections.Generic;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>The runtime <c>QiwiSignatureSpec</c> literal for an x-qiwi-signature.</summary>
internal static class SignatureCode
{
    public static string New(SignatureModel signature)
    {
        return "new " + CSharp.Runtime + ".QiwiSignatureSpec("
            + CSharp.Literal(SpecText.Of(signature.Algorithm)) + ", "
            + CSharp.Literal(signature.Target) + ", "
            + (signature.AllFields ? "null" : Array(signature.Fields)) + ", "
            + Array(signature.Optional) + ", "
            + CSharp.Literal(signature.Separator) + ", "
            + CSharp.Literal(SpecText.Of(signature.Encoding)) + ")";
    }

    private static string Array(IEnumerable<string> values)
    {
        var items = new List<string>();
        foreach (var value in values)
        {
            items.Add(CSharp.Literal(value));
        }

        return items.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", items) + " }";
    }
}
