using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// One reader per response envelope: parses the JSON envelope or the XML result (x-qiwi-envelope)
/// into the runtime's <c>QiwiEnvelope</c>, so the runtime never needs to know the models.
/// </summary>
internal static class ResponseReaderEmitter
{
    /// <summary>The reader's own members, which would hide a model of the same name inside it (<see cref="CSharp.Unhidden"/>: an envelope schema named <c>ToEnvelope</c>).</summary>
    internal static readonly string[] MemberNames = { "Instance", "SuccessCode", "ReadJson", "ReadXml", "ToEnvelope" };

    public static CodeWriter Emit(EmitContext spec, ResponseModel response)
    {
        var name = response.ReaderName;
        var envelopeType = Model(spec.Namespace, response.JsonEnvelopeType);
        var resultType = Model(spec.Namespace, response.ResultType);
        var envelope = CSharp.Runtime + ".QiwiEnvelope<" + response.PayloadType + ">";
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, Scratch.Take().Append("Reads <see cref=\"").Append(envelopeType).Append("\"/> (JSON) or <see cref=\"").Append(resultType)
            .Append("\"/> (XML, root `<").Append(response.XmlRootName).Append(">`) into the result code, description and <see cref=\"").Append(Model(spec.Namespace, response.PayloadType)).Append("\"/>."));
        writer.Line(CSharp.GeneratedCode);
        writer.Open("internal sealed class ", name, " : " + CSharp.Runtime + ".IQiwiResponseReader<", response.PayloadType, ">");
        XmlDoc.Summary(writer, "The shared instance.");
        writer.Line("public static readonly ", name, " Instance = new();");
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.LineStart().Append("public int SuccessCode => ").AppendInvariant(response.SuccessCode).Append(';');
        writer.LineEnd();
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Open("public ", envelope, " ReadJson(global::System.ReadOnlySpan<byte> utf8Json)");
        writer.Line("var envelope = ", envelopeType, ".FromJson(utf8Json);");
        if (response.WrapperRequired)
        {
            writer.Line("return ToEnvelope(envelope.", response.WrapperProperty, ");");
        }
        else
        {
            writer.Line("var result = envelope.", response.WrapperProperty, " ?? throw new global::System.FormatException(\"The envelope has no result.\");");
            writer.Line("return ToEnvelope(result);");
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line("public ", envelope, " ReadXml(global::System.ReadOnlySpan<byte> utf8Xml) => ToEnvelope(", resultType, ".FromXml(utf8Xml));");
        writer.Line();
        // An optional result code (the spec does not list it in 'required') is checked, not assumed.
        var line = writer.LineStart().Append("private static ").Append(envelope).Append(" ToEnvelope(").Append(resultType).Append(" result) => new(");
        if (response.ResultCodeIsEnum)
        {
            line.Append("(int)");
        }

        if (response.ResultCodeRequired)
        {
            line.Append("result.").Append(response.ResultCodeProperty);
        }
        else
        {
            line.Append("(result.").Append(response.ResultCodeProperty).Append(" ?? throw new global::System.FormatException(\"The result has no result code.\"))");
        }

        line.Append(", ");
        if (response.DescriptionProperty is null)
        {
            line.Append("null");
        }
        else
        {
            line.Append("result.").Append(response.DescriptionProperty);
        }

        line.Append(", result.").Append(response.PayloadProperty).Append(");");
        writer.LineEnd();
        writer.Close();
        return writer;
    }

    private static string Model(string ns, string typeName) => CSharp.Unhidden(ns, typeName, MemberNames);
}
