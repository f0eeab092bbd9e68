using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// One reader per response envelope: parses the JSON envelope or the XML result (x-qiwi-envelope)
/// into the runtime's <c>QiwiEnvelope</c>, so the runtime never needs to know the models.
/// </summary>
internal static class ResponseReaderEmitter
{
    public static string Emit(EmitContext spec, ResponseModel response)
    {
        var name = response.ReaderName;
        var envelope = CSharp.Runtime + ".QiwiEnvelope<" + response.PayloadType + ">";
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "Reads <see cref=\"" + response.JsonEnvelopeType + "\"/> (JSON) or <see cref=\"" + response.ResultType + "\"/> (XML, root `<" + response.XmlRootName + ">`) into the result code, description and <see cref=\"" + response.PayloadType + "\"/>.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open("internal sealed class " + name + " : " + CSharp.Runtime + ".IQiwiResponseReader<" + response.PayloadType + ">");
        XmlDoc.Summary(writer, "The shared instance.");
        writer.Line("public static readonly " + name + " Instance = new();");
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line("public int SuccessCode => " + response.SuccessCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Open("public " + envelope + " ReadJson(global::System.ReadOnlySpan<byte> utf8Json)");
        var result = "envelope." + response.WrapperProperty;
        writer.Line("var envelope = " + response.JsonEnvelopeType + ".FromJson(utf8Json);");
        if (!response.WrapperRequired)
        {
            writer.Line("var result = " + result + " ?? throw new global::System.FormatException(" + CSharp.Literal("The envelope has no result.") + ");");
            result = "result";
        }

        writer.Line("return ToEnvelope(" + result + ");");
        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line("public " + envelope + " ReadXml(global::System.ReadOnlySpan<byte> utf8Xml) => ToEnvelope(" + response.ResultType + ".FromXml(utf8Xml));");
        writer.Line();
        // An optional result code (the spec does not list it in 'required') is checked, not assumed.
        var code = response.ResultCodeRequired
            ? "result." + response.ResultCodeProperty
            : "(result." + response.ResultCodeProperty + " ?? throw new global::System.FormatException(" + CSharp.Literal("The result has no result code.") + "))";
        writer.Line("private static " + envelope + " ToEnvelope(" + response.ResultType + " result) => new(" + (response.ResultCodeIsEnum ? "(int)" : string.Empty) + code + ", " + (response.DescriptionProperty is null ? "null" : "result." + response.DescriptionProperty) + ", result." + response.PayloadProperty + ");");
        writer.Close();
        return writer.ToString();
    }
}
