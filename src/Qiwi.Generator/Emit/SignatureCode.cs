using System.Text;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>The runtime <c>QiwiSignatureSpec</c> literal for an x-qiwi-signature.</summary>
internal static class SignatureCode
{
    public static StringBuilder AppendNew(StringBuilder builder, SignatureModel signature)
    {
        builder.Append("new " + CSharp.Runtime + ".QiwiSignatureSpec(")
            .AppendLiteral(SpecText.Of(signature.Algorithm)).Append(", ")
            .AppendLiteral(signature.Target).Append(", ");
        if (signature.AllFields)
        {
            builder.Append("null");
        }
        else
        {
            AppendArray(builder, signature.Fields);
        }

        builder.Append(", ");
        AppendArray(builder, signature.Optional).Append(", ")
            .AppendLiteral(signature.Separator).Append(", ")
            .AppendLiteral(SpecText.Of(signature.Encoding)).Append(')');
        return builder;
    }

    private static StringBuilder AppendArray(StringBuilder builder, EquatableArray<string> values)
    {
        if (values.Count == 0)
        {
            return builder.Append("global::System.Array.Empty<string>()");
        }

        builder.Append("new[] { ");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.AppendLiteral(values[i]);
        }

        return builder.Append(" }");
    }
}
