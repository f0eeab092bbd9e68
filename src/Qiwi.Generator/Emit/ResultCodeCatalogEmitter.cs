namespace Qiwi.Generator.Emit;

/// <summary>The runtime's view of the result-code enum (x-qiwi-envelope.resultCodeSchema): fatal flags and descriptions.</summary>
internal static class ResultCodeCatalogEmitter
{
    public static CodeWriter Emit(Model.EmitContext spec, Model.ResultCodeEnum? codes)
    {
        var name = spec.Names.ResultCodes;
        var writer = new CodeWriter(spec.Namespace);
        if (codes is null)
        {
            XmlDoc.Summary(writer, "The spec names no result-code enum, so every code is unknown to the runtime.");
        }
        else
        {
            XmlDoc.Summary(writer, Scratch.Of("The result codes of <see cref=\"", codes.Name, "\"/> as the runtime sees them: whether each is fatal, and its description."));
        }

        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " sealed class ", name, " : " + CSharp.Runtime + ".IQiwiResultCodeCatalog");
        writer.Line("private ", name, "()");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        XmlDoc.Summary(writer, "The shared instance.");
        writer.Line("public static ", name, " Instance { get; } = new();");
        writer.Line();
        writer.Line("/// <inheritdoc />");
        if (codes is { HasFatal: true })
        {
            writer.Line("public bool? IsFatal(int resultCode) => ((", codes.Name, ")resultCode).IsFatal();");
        }
        else
        {
            writer.Line("public bool? IsFatal(int resultCode) => null;");
        }

        writer.Line();
        writer.Line("/// <inheritdoc />");
        if (codes is null)
        {
            writer.Line("public string? GetDescription(int resultCode) => null;");
        }
        else
        {
            writer.Line("public string? GetDescription(int resultCode) => ((", codes.Name, ")resultCode).GetDescription();");
        }

        writer.Close();
        return writer;
    }
}
