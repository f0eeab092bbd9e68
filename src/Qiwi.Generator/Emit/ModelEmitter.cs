using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>An object schema as an immutable record: one property per schema property, wire names in the docs.</summary>
internal static class ModelEmitter
{
    public static CodeWriter Emit(EmitContext spec, ObjectModel model)
    {
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, model.Description);
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " sealed partial record ", model.Name);
        var first = true;
        foreach (var property in model.Properties)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            XmlDoc.Summary(writer, property.Description ?? property.WireName);
            XmlDoc.Remarks(writer, property.ConstantValue is null
                ? Scratch.Of("Wire name `", property.WireName, "`.")
                : Scratch.Of("Wire name `", property.WireName, "`; always `", property.ConstantValue, "`."));
            if (property.ConstantValue is not null)
            {
                writer.LineStart().Append("public string ").Append(property.Name).Append(" { get; init; } = ").AppendLiteral(property.ConstantValue).Append(';');
                writer.LineEnd();
                continue;
            }

            writer.LineStart().Append(property.Required ? "public required " : "public ").AppendType(property.Type, !property.Required).Append(' ').Append(property.Name).Append(" { get; init; }");
            writer.LineEnd();
            if (property.WireValueName is string wireValueName)
            {
                writer.Line();
                XmlDoc.Summary(writer, Scratch.Take().Append("The wire value of <see cref=\"").Append(property.Name).Append("\"/> as received; kept when the spec does not list it (then <see cref=\"")
                    .Append(property.Name).Append("\"/> is <c>Unknown</c>)."));
                writer.Line("public string? ", wireValueName, " { get; init; }");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line();
            XmlDoc.Summary(writer, "Fields the spec does not list, by wire name, as received (the sender may add fields at any time).");
            writer.Line("public global::System.Collections.Generic.IReadOnlyDictionary<string, string> AdditionalProperties { get; init; } = new global::System.Collections.Generic.Dictionary<string, string>();");
        }

        writer.Close();
        return writer;
    }
}
