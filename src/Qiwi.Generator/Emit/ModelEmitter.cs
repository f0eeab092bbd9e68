using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>An object schema as an immutable record: one property per schema property, wire names in the docs.</summary>
internal static class ModelEmitter
{
    public static string Emit(EmitContext spec, ObjectModel model)
    {
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, model.Description);
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " sealed partial record " + model.Name);
        var first = true;
        foreach (var property in model.Properties)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            XmlDoc.Summary(writer, property.Description ?? property.WireName);
            XmlDoc.Remarks(writer, "Wire name `" + property.WireName + "`" + (property.ConstantValue is null ? "." : "; always `" + property.ConstantValue + "`."));
            if (property.ConstantValue is not null)
            {
                writer.Line("public string " + property.Name + " { get; init; } = " + CSharp.Literal(property.ConstantValue) + ";");
                continue;
            }

            var required = property.Required ? "required " : string.Empty;
            writer.Line("public " + required + CSharp.TypeOf(property.Type, !property.Required) + " " + property.Name + " { get; init; }");
            if (property.WireValueName is string wireValueName)
            {
                writer.Line();
                XmlDoc.Summary(writer, "The wire value of <see cref=\"" + property.Name + "\"/> as received; kept when the spec does not list it (then <see cref=\"" + property.Name + "\"/> is <c>Unknown</c>).");
                writer.Line("public string? " + wireValueName + " { get; init; }");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line();
            XmlDoc.Summary(writer, "Fields the spec does not list, by wire name, as received (the sender may add fields at any time).");
            writer.Line("public global::System.Collections.Generic.IReadOnlyDictionary<string, string> AdditionalProperties { get; init; } = new global::System.Collections.Generic.Dictionary<string, string>();");
        }

        writer.Close();
        return writer.ToString();
    }
}
