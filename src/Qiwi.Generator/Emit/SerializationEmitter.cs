using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// Readers and writers of a model, written out instead of using reflection: JSON with
/// <c>Utf8JsonReader</c>, XML with <c>XElement</c>, and form fields for models made only of simple values.
/// </summary>
internal static class SerializationEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string QiwiJson = CSharp.Runtime + ".Serialization.QiwiJson";
    private const string QiwiXml = CSharp.Runtime + ".Serialization.QiwiXml";
    private const string XElement = "global::System.Xml.Linq.XElement";
    private const string Pairs = "global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>";

    public static string Emit(EmitContext spec, ObjectModel model)
    {
        var writer = new CodeWriter(spec.Namespace);
        writer.Open(spec.Visibility + " sealed partial record " + model.Name);
        EmitFromJson(writer, model);
        writer.Line();
        EmitReadJson(writer, model, spec.Namespace);
        writer.Line();
        EmitFromXml(writer, model);
        writer.Line();
        EmitReadXml(writer, model, spec.Namespace);
        writer.Line();
        EmitToXml(writer, model, spec.Namespace);
        writer.Line();
        EmitWriteJson(writer, model, spec.Namespace);
        if (IsFlat(model))
        {
            writer.Line();
            EmitFromForm(writer, model, spec.Namespace);
            writer.Line();
            EmitToForm(writer, model, spec.Namespace);
        }

        writer.Line();
        writer.Line("private static global::System.FormatException Missing(string wireName) => new(" + CSharp.Literal(model.Name + ": the required field '") + " + wireName + \"' is missing.\");");
        writer.Close();
        return writer.ToString();
    }

    internal static bool IsFlat(ObjectModel model)
    {
        foreach (var property in model.Properties)
        {
            if (property.Type.Kind == ValueKind.Object)
            {
                return false;
            }
        }

        return true;
    }

    private static void DeclareLocals(CodeWriter writer, ObjectModel model)
    {
        foreach (var property in model.Properties)
        {
            var type = property.ConstantValue is not null ? "string?" : CSharp.TypeOf(property.Type, nullable: true);
            writer.Line(type + " " + property.LocalName + " = null;");
            if (IsStringEnum(property))
            {
                writer.Line("string? " + property.LocalName + "Wire = null;");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line("var _additional = new global::System.Collections.Generic.Dictionary<string, string>();");
        }
    }

    /// <summary>The wire text of a string enum property: the kept raw value when it is Unknown.</summary>
    private static string StringEnumWire(PropertyModel property, string ns)
    {
        var value = property.Required ? property.Name : property.Name + ".Value";
        return "(" + value + " == global::" + ns + "." + property.Type.TypeName + ".Unknown ? " + property.WireValueName + " ?? string.Empty : " + value + ".ToWireValue())";
    }

    internal static bool IsStringEnum(PropertyModel property) => property.WireValueName is not null;

    private static void EmitConstruct(CodeWriter writer, ObjectModel model)
    {
        writer.Line("return new " + model.Name);
        writer.Line("{").Indent();
        foreach (var property in model.Properties)
        {
            var local = property.LocalName;
            if (property.ConstantValue is not null)
            {
                writer.Line(property.Name + " = " + local + " ?? " + CSharp.Literal(property.ConstantValue) + ",");
                continue;
            }

            var value = !property.Required
                ? local
                : CSharp.IsReferenceType(property.Type)
                    ? local + " ?? throw Missing(" + CSharp.Literal(property.WireName) + ")"
                    : local + " ?? throw Missing(" + CSharp.Literal(property.WireName) + ")";
            writer.Line(property.Name + " = " + value + ",");
            if (IsStringEnum(property))
            {
                writer.Line(property.Name + "WireValue = " + local + "Wire,");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line("AdditionalProperties = _additional,");
        }

        writer.Outdent().Line("};");
    }

    private static void EmitFromJson(CodeWriter writer, ObjectModel model)
    {
        XmlDoc.Summary(writer, "Reads a <see cref=\"" + model.Name + "\"/> from UTF-8 JSON. Unknown fields are " + (model.KeepsUnknown ? "kept in <see cref=\"AdditionalProperties\"/> when they are strings." : "skipped."));
        writer.Line("/// <exception cref=\"" + Json + ".JsonException\">The JSON is malformed or has a value of the wrong type.</exception>");
        writer.Line("/// <exception cref=\"global::System.FormatException\">A required field is missing or a value cannot be read.</exception>");
        writer.Open("public static " + model.Name + " FromJson(global::System.ReadOnlySpan<byte> utf8Json)");
        writer.Line("var reader = new " + Json + ".Utf8JsonReader(utf8Json);");
        writer.Open("if (!reader.Read())");
        writer.Line("throw new " + Json + ".JsonException(" + CSharp.Literal(model.Name + ": the JSON is empty.") + ");");
        writer.Close();
        writer.Line();
        writer.Line("var result = ReadJson(ref reader);");
        writer.Open("if (reader.Read())");
        writer.Line("throw new " + Json + ".JsonException(" + CSharp.Literal(model.Name + ": unexpected content after the JSON object.") + ");");
        writer.Close();
        writer.Line();
        writer.Line("return result;");
        writer.Close();
    }

    private static void EmitReadJson(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, "Reads the JSON object the reader is on; leaves the reader on its end.");
        writer.Open("internal static " + model.Name + " ReadJson(ref " + Json + ".Utf8JsonReader reader)");
        writer.Open("if (reader.TokenType != " + Json + ".JsonTokenType.StartObject)");
        writer.Line("throw new " + Json + ".JsonException(" + CSharp.Literal(model.Name + ": expected a JSON object.") + ");");
        writer.Close();
        writer.Line();
        DeclareLocals(writer, model);
        writer.Open("while (reader.Read())");
        writer.Open("if (reader.TokenType == " + Json + ".JsonTokenType.EndObject)");
        EmitConstruct(writer, model);
        writer.Close();
        writer.Line();
        var keyword = "if";
        foreach (var property in model.Properties)
        {
            writer.Open(keyword + " (reader.ValueTextEquals(" + CSharp.Utf8Literal(property.WireName) + "))");
            keyword = "else if";
            writer.Line("reader.Read();");
            writer.Open("if (reader.TokenType != " + Json + ".JsonTokenType.Null)");
            var local = property.LocalName;
            if (property.ConstantValue is not null)
            {
                writer.Line(local + " = " + QiwiJson + ".ReadString(ref reader);");
            }
            else if (IsStringEnum(property))
            {
                writer.Line(local + "Wire = " + QiwiJson + ".ReadString(ref reader);");
                writer.Line(local + " = " + property.Type.TypeName + "Extensions.FromWireValue(" + local + "Wire);");
            }
            else
            {
                writer.Line(local + " = " + JsonRead(property, ns) + ";");
            }

            writer.Close();
            writer.Close();
        }

        writer.Open(model.Properties.Count == 0 ? "" : "else");
        if (model.KeepsUnknown)
        {
            writer.Line("var name = reader.GetString()!;");
            writer.Line("reader.Read();");
            writer.Open("if (reader.TokenType == " + Json + ".JsonTokenType.String)");
            writer.Line("_additional[name] = reader.GetString()!;");
            writer.Close();
            writer.Open("else");
            writer.Line(QiwiJson + ".Skip(ref reader);");
            writer.Close();
        }
        else
        {
            writer.Line("reader.Read();");
            writer.Line(QiwiJson + ".Skip(ref reader);");
        }

        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line("throw new " + Json + ".JsonException(" + CSharp.Literal(model.Name + ": the JSON ends inside the object.") + ");");
        writer.Close();
    }

    private static string JsonRead(PropertyModel property, string ns) => property.Type.Kind switch
    {
        ValueKind.Int32 => QiwiJson + ".ReadInt32(ref reader)",
        ValueKind.Int64 => QiwiJson + ".ReadInt64(ref reader)",
        ValueKind.Decimal => QiwiJson + ".ReadDecimal(ref reader)",
        ValueKind.Boolean => QiwiJson + ".ReadBoolean(ref reader)",
        ValueKind.DateTime => CSharp.FromWire(property.Type, property.Constraints, QiwiJson + ".ReadString(ref reader)", ns),
        ValueKind.Enum => "(" + property.Type.TypeName + ")" + QiwiJson + ".ReadInt32(ref reader)",
        ValueKind.Object => CSharp.Qualified(ns, property.Type.TypeName!) + ".ReadJson(ref reader)",
        _ => QiwiJson + ".ReadString(ref reader)",
    };

    private static void EmitFromXml(CodeWriter writer, ObjectModel model)
    {
        XmlDoc.Summary(writer, "Reads a <see cref=\"" + model.Name + "\"/> from UTF-8 XML whose root element is `<" + model.XmlName + ">`.");
        writer.Line("/// <exception cref=\"global::System.Xml.XmlException\">The XML is malformed.</exception>");
        XmlDoc.Element(writer, "exception", "The root element is not `" + model.XmlName + "`, a required field is missing, or a value cannot be read.", " cref=\"global::System.FormatException\"");
        writer.Open("public static " + model.Name + " FromXml(global::System.ReadOnlySpan<byte> utf8Xml)");
        writer.Line("var root = " + QiwiXml + ".Parse(utf8Xml);");
        writer.Open("if (root.Name.LocalName != " + CSharp.Literal(model.XmlName) + ")");
        writer.Line("throw new global::System.FormatException(" + CSharp.Literal(model.Name + ": expected the XML element <" + model.XmlName + ">, found <") + " + root.Name.LocalName + \">.\");");
        writer.Close();
        writer.Line();
        writer.Line("return ReadXml(root);");
        writer.Close();
    }

    private static void EmitReadXml(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, "Reads the element's children by name; unknown elements are " + (model.KeepsUnknown ? "kept." : "skipped."));
        writer.Open("internal static " + model.Name + " ReadXml(" + XElement + " element)");
        DeclareLocals(writer, model);
        writer.Open("foreach (var child in element.Elements())");
        writer.Open("switch (child.Name.LocalName)");
        foreach (var property in model.Properties)
        {
            writer.Line("case " + CSharp.Literal(property.WireName) + ":").Indent();
            var local = property.LocalName;
            if (property.ConstantValue is not null)
            {
                writer.Line(local + " = child.Value;");
            }
            else if (property.Type.Kind == ValueKind.Object)
            {
                writer.Line(local + " = " + CSharp.Qualified(ns, property.Type.TypeName!) + ".ReadXml(child);");
            }
            else
            {
                if (IsStringEnum(property))
                {
                    writer.Line(local + "Wire = child.Value;");
                }

                writer.Line(local + " = " + CSharp.FromWire(property.Type, property.Constraints, "child.Value", ns) + ";");
            }

            writer.Line("break;").Outdent();
        }

        writer.Line("default:").Indent();
        if (model.KeepsUnknown)
        {
            writer.Open("if (!child.HasElements)");
            writer.Line("_additional[child.Name.LocalName] = child.Value;");
            writer.Close();
            writer.Line();
        }

        writer.Line("break;").Outdent();
        writer.Close();
        writer.Close();
        writer.Line();
        EmitConstruct(writer, model);
        writer.Close();
    }

    private static void EmitToXml(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, "Writes this value as the XML element `<" + model.XmlName + ">`.");
        writer.Open("public " + XElement + " ToXml()");
        writer.Line("var element = new " + XElement + "(" + CSharp.Literal(model.XmlName) + ");");
        foreach (var property in model.Properties)
        {
            var add = property.Type.Kind == ValueKind.Object
                ? "element.Add(" + property.Name + ".ToXml());"
                : "element.Add(new " + XElement + "(" + CSharp.Literal(property.WireName) + ", " + WireText(property, ns) + "));";
            AddWhenPresent(writer, property, add);
        }

        if (model.KeepsUnknown)
        {
            writer.Open("foreach (var pair in AdditionalProperties)");
            writer.Line("element.Add(new " + XElement + "(pair.Key, pair.Value));");
            writer.Close();
        }

        writer.Line("return element;");
        writer.Close();
    }

    private static void EmitWriteJson(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, "Writes this value as a JSON object, with the spec's wire names and types.");
        XmlDoc.Param(writer, "writer", "Where to write.");
        writer.Open("public void WriteJson(" + Json + ".Utf8JsonWriter writer)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
        writer.Line("writer.WriteStartObject();");
        foreach (var property in model.Properties)
        {
            var name = CSharp.Literal(property.WireName);
            var value = property.Required || CSharp.IsReferenceType(property.Type) || property.ConstantValue is not null ? property.Name : property.Name + ".Value";
            string write;
            if (property.ConstantValue is not null || property.Type.Kind is ValueKind.String or ValueKind.OpenEnum or ValueKind.DateTime || IsStringEnum(property)
                || (property.Type.Kind == ValueKind.Decimal && property.Type.WireString))
            {
                write = "writer.WriteString(" + name + ", " + WireText(property, ns) + ");";
            }
            else if (property.Type.Kind == ValueKind.Object)
            {
                write = "writer.WritePropertyName(" + name + "); " + property.Name + ".WriteJson(writer);";
            }
            else if (property.Type.Kind == ValueKind.Boolean)
            {
                write = "writer.WriteBoolean(" + name + ", " + value + ");";
            }
            else if (property.Type.Kind == ValueKind.Enum)
            {
                write = "writer.WriteNumber(" + name + ", (int)" + value + ");";
            }
            else
            {
                write = "writer.WriteNumber(" + name + ", " + value + ");";
            }

            AddWhenPresent(writer, property, write);
        }

        if (model.KeepsUnknown)
        {
            writer.Open("foreach (var pair in AdditionalProperties)");
            writer.Line("writer.WriteString(pair.Key, pair.Value);");
            writer.Close();
        }

        writer.Line("writer.WriteEndObject();");
        writer.Close();
        writer.Line();
        XmlDoc.Summary(writer, "This value as UTF-8 JSON.");
        writer.Open("public byte[] ToJson()");
        writer.Line("var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();");
        // Relaxed escaping writes "tel:+7..." as the docs show it; this JSON is never embedded in HTML.
        writer.Open("using (var writer = new " + Json + ".Utf8JsonWriter(buffer, new " + Json + ".JsonWriterOptions { Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))");
        writer.Line("WriteJson(writer);");
        writer.Close();
        writer.Line();
        writer.Line("return buffer.WrittenSpan.ToArray();");
        writer.Close();
    }

    private static void EmitFromForm(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, "Reads a <see cref=\"" + model.Name + "\"/> from form fields (already URL-decoded). " + (model.KeepsUnknown ? "Unknown fields are kept in <see cref=\"AdditionalProperties\"/>." : "Unknown fields are skipped."));
        writer.Line("/// <exception cref=\"global::System.FormatException\">A required field is missing or a value cannot be read.</exception>");
        writer.Open("public static " + model.Name + " FromForm(" + Pairs + " fields)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(fields);");
        EmitFormFields(writer, model, ns, (property, read) => writer.Line(read));
        EmitConstruct(writer, model);
        writer.Close();
    }

    /// <summary>
    /// Declares the locals and reads each form field into its local; <paramref name="writeRead"/> writes the
    /// statement that reads one property (given the plain statement), so a caller can guard it.
    /// </summary>
    internal static void EmitFormFields(CodeWriter writer, ObjectModel model, string ns, System.Action<PropertyModel, string> writeRead)
    {
        DeclareLocals(writer, model);
        writer.Open("foreach (var field in fields)");
        writer.Open("switch (field.Key)");
        foreach (var property in model.Properties)
        {
            writer.Line("case " + CSharp.Literal(property.WireName) + ":").Indent();
            var local = property.LocalName;
            if (IsStringEnum(property))
            {
                writer.Line(local + "Wire = field.Value;");
            }

            writeRead(property, local + " = " + (property.ConstantValue is not null ? "field.Value" : CSharp.FromWire(property.Type, property.Constraints, "field.Value", ns)) + ";");
            writer.Line("break;").Outdent();
        }

        writer.Line("default:").Indent();
        if (model.KeepsUnknown)
        {
            writer.Line("_additional[field.Key] = field.Value;");
        }

        writer.Line("break;").Outdent();
        writer.Close();
        writer.Close();
        writer.Line();
    }

    private static void EmitToForm(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, "The form fields of this value, in the spec's order" + (model.KeepsUnknown ? ", then the additional properties." : "."));
        writer.Open("public global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>> ToForm()");
        writer.Line("var fields = new global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>();");
        foreach (var property in model.Properties)
        {
            AddWhenPresent(writer, property, "fields.Add(new(" + CSharp.Literal(property.WireName) + ", " + WireText(property, ns) + "));");
        }

        if (model.KeepsUnknown)
        {
            writer.Open("foreach (var pair in AdditionalProperties)");
            writer.Line("fields.Add(pair);");
            writer.Close();
        }

        writer.Line("return fields;");
        writer.Close();
    }

    /// <summary>The wire text of a simple property (constants as they are, string enums with their kept raw value).</summary>
    private static string WireText(PropertyModel property, string ns)
    {
        if (property.ConstantValue is not null)
        {
            return property.Name;
        }

        if (IsStringEnum(property))
        {
            return StringEnumWire(property, ns);
        }

        return CSharp.ToWire(property.Type, property.Constraints, property.Required || CSharp.IsReferenceType(property.Type) ? property.Name : property.Name + ".Value");
    }

    /// <summary>Writes <paramref name="add"/>, guarded by a null check for an optional property.</summary>
    private static void AddWhenPresent(CodeWriter writer, PropertyModel property, string add)
    {
        if (property.Required || property.ConstantValue is not null)
        {
            writer.Line(add);
            return;
        }

        writer.Open("if (" + property.Name + " is not null)");
        writer.Line(add);
        writer.Close();
    }
}
