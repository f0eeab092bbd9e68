using System.Text;
using Qiwi.Generator.Model;
using Qiwi.Generator.Parsing;

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

    public static CodeWriter Emit(EmitContext spec, ObjectModel model)
    {
        var writer = new CodeWriter(spec.Namespace);
        writer.Open(spec.Visibility, " sealed partial record ", model.Name);
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
        writer.LineStart().Append("private static global::System.FormatException Missing(string wireName) => new(").AppendLiteral(model.Name, ": the required field '").Append(" + wireName + \"' is missing.\");");
        writer.LineEnd();
        writer.Close();
        return writer;
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
            var line = writer.LineStart();
            if (property.ConstantValue is not null)
            {
                line.Append("string?");
            }
            else
            {
                line.AppendType(property.Type, nullable: true);
            }

            line.Append(' ').Append(property.LocalName).Append(" = null;");
            writer.LineEnd();
            if (IsStringEnum(property))
            {
                writer.Line("string? ", property.LocalName, "Wire = null;");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line("var _additional = new global::System.Collections.Generic.Dictionary<string, string>();");
        }
    }

    /// <summary>
    /// The enum's helpers class, named simply (<c>BillStatusExtensions</c>) unless a property of the record has that name,
    /// which would bind instead (CS0120): then qualified (<c>global::Ns.BillStatusExtensions</c>).
    /// </summary>
    private static StringBuilder AppendHelpers(StringBuilder builder, ObjectModel model, PropertyModel property, string ns)
    {
        var helpers = property.Type.HelperName ?? Naming.EnumExtensions(property.Type.TypeName!);
        foreach (var other in model.Properties)
        {
            if (other.Name == helpers || other.WireValueName == helpers)
            {
                return builder.AppendQualified(ns, helpers);
            }
        }

        return builder.Append(helpers);
    }

    /// <summary>The wire text of a string enum property: the kept raw value when it is Unknown.</summary>
    private static StringBuilder AppendStringEnumWire(StringBuilder builder, PropertyModel property, string ns)
        => AppendStringEnumWire(builder, property, ns, string.Empty);

    /// <summary>
    /// The wire text of a string enum property of <paramref name="owner"/> (an expression and '.', or empty for the
    /// model's own): the kept raw value when it is Unknown, which has no wire value of its own (ToWireValue throws).
    /// </summary>
    internal static StringBuilder AppendStringEnumWire(StringBuilder builder, PropertyModel property, string ns, string owner)
    {
        var value = property.Required ? string.Empty : ".Value";
        return builder.Append('(').Append(owner).Append(property.Name).Append(value).Append(" == ").AppendQualified(ns, property.Type.TypeName!).Append(".Unknown ? ")
            .Append(owner).Append(property.WireValueName).Append(" ?? string.Empty : ").Append(owner).Append(property.Name).Append(value).Append(".ToWireValue())");
    }

    internal static bool IsStringEnum(PropertyModel property) => property.WireValueName is not null;

    private static void EmitConstruct(CodeWriter writer, ObjectModel model)
    {
        writer.Line("return new ", model.Name);
        writer.Line("{").Indent();
        foreach (var property in model.Properties)
        {
            var local = property.LocalName;
            var line = writer.LineStart().Append(property.Name).Append(" = ").Append(local);
            if (property.ConstantValue is not null)
            {
                line.Append(" ?? ").AppendLiteral(property.ConstantValue).Append(',');
                writer.LineEnd();
                continue;
            }

            if (property.Required)
            {
                line.Append(" ?? throw Missing(").AppendLiteral(property.WireName).Append(')');
            }

            line.Append(',');
            writer.LineEnd();
            if (IsStringEnum(property))
            {
                writer.Line(property.Name, "WireValue = ", local, "Wire,");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line("AdditionalProperties = _additional,");
        }

        writer.Outdent().Line("};");
    }

    private static readonly CodeBlock FromJsonExceptions = new(
        "/// <exception cref=\"" + Json + ".JsonException\">The JSON is malformed or has a value of the wrong type.</exception>\n" +
        "/// <exception cref=\"global::System.FormatException\">A required field is missing or a value cannot be read.</exception>");

    private static readonly CodeBlock FromJsonStart = new("var reader = new " + Json + ".Utf8JsonReader(utf8Json);\nif (!reader.Read())\n{");

    private static readonly CodeBlock FromJsonRead = new("}\n\nvar result = ReadJson(ref reader);\nif (reader.Read())\n{");

    private static readonly CodeBlock FromJsonEnd = new("}\n\nreturn result;\n}");

    private static void EmitFromJson(CodeWriter writer, ObjectModel model)
    {
        XmlDoc.Summary(writer, Scratch.Of("Reads a <see cref=\"", model.Name, "\"/> from UTF-8 JSON. Unknown fields are ", model.KeepsUnknown ? "kept in <see cref=\"AdditionalProperties\"/> when they are strings." : "skipped."));
        writer.Write(FromJsonExceptions);
        writer.Open("public static ", model.Name, " FromJson(global::System.ReadOnlySpan<byte> utf8Json)");
        writer.Write(FromJsonStart);
        ThrowJson(writer, model, ": the JSON is empty.");
        writer.Write(FromJsonRead);
        ThrowJson(writer, model, ": unexpected content after the JSON object.");
        writer.Write(FromJsonEnd);
    }

    private static readonly CodeBlock ReadJsonDoc = new("/// <summary>Reads the JSON object the reader is on; leaves the reader on its end.</summary>");

    private static readonly CodeBlock ReadJsonStart = new("if (reader.TokenType != " + Json + ".JsonTokenType.StartObject)\n{");

    private static readonly CodeBlock CloseAndBlank = new("}\n");

    private static readonly CodeBlock CloseTwo = new("}\n}");

    private static readonly CodeBlock ReadJsonLoop = new("while (reader.Read())\n{\nif (reader.TokenType == " + Json + ".JsonTokenType.EndObject)\n{");

    private static readonly CodeBlock ReadJsonValue = new("reader.Read();\nif (reader.TokenType != " + Json + ".JsonTokenType.Null)\n{");

    private static readonly CodeBlock ReadJsonKeepUnknown = new(
        "var name = reader.GetString()!;\nreader.Read();\nif (reader.TokenType == " + Json + ".JsonTokenType.String)\n{\n_additional[name] = reader.GetString()!;\n}\nelse\n{\n"
        + QiwiJson + ".Skip(ref reader);\n}\n}\n}\n");

    private static readonly CodeBlock ReadJsonSkipUnknown = new("reader.Read();\n" + QiwiJson + ".Skip(ref reader);\n}\n}\n");

    private static void EmitReadJson(CodeWriter writer, ObjectModel model, string ns)
    {
        writer.Write(ReadJsonDoc);
        writer.Open("internal static ", model.Name, " ReadJson(ref " + Json + ".Utf8JsonReader reader)");
        writer.Write(ReadJsonStart);
        ThrowJson(writer, model, ": expected a JSON object.");
        writer.Write(CloseAndBlank);
        DeclareLocals(writer, model);
        writer.Write(ReadJsonLoop);
        EmitConstruct(writer, model);
        writer.Write(CloseAndBlank);
        var keyword = "if";
        foreach (var property in model.Properties)
        {
            writer.LineStart().Append(keyword).Append(" (reader.ValueTextEquals(").AppendUtf8Literal(property.WireName).Append("))");
            writer.OpenEnd();
            keyword = "else if";
            writer.Write(ReadJsonValue);
            var local = property.LocalName;
            if (property.ConstantValue is not null)
            {
                writer.Line(local, " = " + QiwiJson + ".ReadString(ref reader);");
            }
            else if (IsStringEnum(property))
            {
                writer.Line(local, "Wire = " + QiwiJson + ".ReadString(ref reader);");
                AppendHelpers(writer.LineStart().Append(local).Append(" = "), model, property, ns).Append(".FromWireValue(").Append(local).Append("Wire);");
                writer.LineEnd();
            }
            else
            {
                AppendJsonRead(writer.LineStart().Append(local).Append(" = "), property, ns).Append(';');
                writer.LineEnd();
            }

            writer.Write(CloseTwo);
        }

        writer.Open(model.Properties.Count == 0 ? "" : "else");
        writer.Write(model.KeepsUnknown ? ReadJsonKeepUnknown : ReadJsonSkipUnknown);
        ThrowJson(writer, model, ": the JSON ends inside the object.");
        writer.Close();
    }

    private static StringBuilder AppendJsonRead(StringBuilder builder, PropertyModel property, string ns) => property.Type.Kind switch
    {
        ValueKind.Int32 => builder.Append(QiwiJson + ".ReadInt32(ref reader)"),
        ValueKind.Int64 => builder.Append(QiwiJson + ".ReadInt64(ref reader)"),
        ValueKind.Decimal => builder.Append(QiwiJson + ".ReadDecimal(ref reader)"),
        ValueKind.Boolean => builder.Append(QiwiJson + ".ReadBoolean(ref reader)"),
        ValueKind.DateTime => builder.AppendFromWire(property.Type, property.Constraints, QiwiJson + ".ReadString(ref reader)", ns),
        ValueKind.Enum => builder.Append('(').Append(property.Type.TypeName).Append(")" + QiwiJson + ".ReadInt32(ref reader)"),
        ValueKind.Object => builder.AppendQualified(ns, property.Type.TypeName!).Append(".ReadJson(ref reader)"),
        _ => builder.Append(QiwiJson + ".ReadString(ref reader)"),
    };

    private static void ThrowJson(CodeWriter writer, ObjectModel model, string message)
    {
        writer.LineStart().Append("throw new " + Json + ".JsonException(").AppendLiteral(model.Name, message).Append(");");
        writer.LineEnd();
    }

    private static readonly CodeBlock XmlExceptionDoc = new("/// <exception cref=\"global::System.Xml.XmlException\">The XML is malformed.</exception>");

    private static readonly CodeBlock FromXmlParse = new("var root = " + QiwiXml + ".Parse(utf8Xml);");

    private static readonly CodeBlock FromXmlEnd = new("}\n\nreturn ReadXml(root);\n}");

    private static void EmitFromXml(CodeWriter writer, ObjectModel model)
    {
        var root = XmlNames.Root(model.XmlName, model.Name);
        XmlDoc.Summary(writer, Scratch.Take().Append("Reads a <see cref=\"").Append(model.Name).Append("\"/> from UTF-8 XML whose root element is `<").Append(root).Append(">`."));
        writer.Write(XmlExceptionDoc);
        XmlDoc.Element(writer, "exception", Scratch.Of("The root element is not `", root, "`, a required field is missing, or a value cannot be read."), " cref=\"global::System.FormatException\"");
        writer.Open("public static ", model.Name, " FromXml(global::System.ReadOnlySpan<byte> utf8Xml)");
        writer.Write(FromXmlParse);
        writer.LineStart().Append("if (root.Name.LocalName != ").AppendLiteral(root).Append(')');
        writer.OpenEnd();
        writer.LineStart().Append("throw new global::System.FormatException(").AppendLiteral(model.Name, ": expected the XML element <", root, ">, found <")
            .Append(" + root.Name.LocalName + \">.\");");
        writer.LineEnd();
        writer.Write(FromXmlEnd);
    }

    private static readonly CodeBlock ReadXmlDocKeep = new("/// <summary>Reads the element's children by name; unknown elements are kept.</summary>");

    private static readonly CodeBlock ReadXmlDocSkip = new("/// <summary>Reads the element's children by name; unknown elements are skipped.</summary>");

    private static readonly CodeBlock ReadXmlLoop = new("foreach (var child in element.Elements())\n{\nswitch (child.Name.LocalName)\n{");

    private static readonly CodeBlock ReadXmlDefaultKeep = new(
        "default:\n    if (!child.HasElements)\n    {\n        _additional[global::System.Xml.XmlConvert.DecodeName(child.Name.LocalName)] = child.Value;\n    }\n\n    break;\n}\n}\n");

    /// <summary>A switch's default that skips, the switch's and its loop's ends, and a blank line.</summary>
    private static readonly CodeBlock DefaultSkip = new("default:\n    break;\n}\n}\n");

    private static void EmitReadXml(CodeWriter writer, ObjectModel model, string ns)
    {
        writer.Write(model.KeepsUnknown ? ReadXmlDocKeep : ReadXmlDocSkip);
        writer.Open("internal static ", model.Name, " ReadXml(" + XElement + " element)");
        DeclareLocals(writer, model);
        writer.Write(ReadXmlLoop);
        foreach (var property in model.Properties)
        {
            if (XmlNames.Element(property.WireName) is not string elementName)
            {
                continue; // the empty wire name has no XML element
            }

            writer.LineStart().Append("case ").AppendLiteral(elementName).Append(':');
            writer.LineEnd().Indent();
            var local = property.LocalName;
            if (property.ConstantValue is not null)
            {
                writer.Line(local, " = child.Value;");
            }
            else if (property.Type.Kind == ValueKind.Object)
            {
                writer.LineStart().Append(local).Append(" = ").AppendQualified(ns, property.Type.TypeName!).Append(".ReadXml(child);");
                writer.LineEnd();
            }
            else
            {
                if (IsStringEnum(property))
                {
                    writer.Line(local, "Wire = child.Value;");
                }

                writer.LineStart().Append(local).Append(" = ").AppendFromWire(property.Type, property.Constraints, "child.Value", ns).Append(';');
                writer.LineEnd();
            }

            writer.Line("break;").Outdent();
        }

        writer.Write(model.KeepsUnknown ? ReadXmlDefaultKeep : DefaultSkip);
        EmitConstruct(writer, model);
        writer.Close();
    }

    private static readonly CodeBlock ToXmlHead = new("public " + XElement + " ToXml()\n{");

    private static readonly CodeBlock ToXmlEnd = new("return element;\n}");

    private static readonly CodeBlock ToXmlEndKeep = new("foreach (var pair in AdditionalProperties)\n{\nif (pair.Key.Length != 0)\n{\nelement.Add(new " + XElement + "(global::System.Xml.XmlConvert.EncodeLocalName(pair.Key), pair.Value));\n}\n}\nreturn element;\n}");

    private static void EmitToXml(CodeWriter writer, ObjectModel model, string ns)
    {
        var root = XmlNames.Root(model.XmlName, model.Name);
        XmlDoc.Summary(writer, Scratch.Of("Writes this value as the XML element `<", root, ">`."));
        writer.Write(ToXmlHead);
        writer.LineStart().Append("var element = new " + XElement + "(").AppendLiteral(root).Append(");");
        writer.LineEnd();
        foreach (var property in model.Properties)
        {
            if (XmlNames.Element(property.WireName) is not string elementName)
            {
                continue; // the empty wire name has no XML element
            }

            var line = OpenWhenPresent(writer, property);
            if (property.Type.Kind == ValueKind.Object)
            {
                // Under the property's name, as ReadXml reads it (the object's own ToXml names it after its schema's xml.name).
                line.Append("element.Add(new " + XElement + "(").AppendLiteral(elementName).Append(", ").Append(property.Name).Append(".ToXml().Nodes()));");
            }
            else
            {
                AppendWireText(line.Append("element.Add(new " + XElement + "(").AppendLiteral(elementName).Append(", "), property, ns).Append("));");
            }

            CloseWhenPresent(writer, property);
        }

        writer.Write(model.KeepsUnknown ? ToXmlEndKeep : ToXmlEnd);
    }

    private static readonly CodeBlock WriteJsonHead = new(
        "/// <summary>Writes this value as a JSON object, with the spec's wire names and types.</summary>\n" +
        "/// <param name=\"writer\">Where to write.</param>\n" +
        "public void WriteJson(" + Json + ".Utf8JsonWriter writer)\n{\n" +
        "global::System.ArgumentNullException.ThrowIfNull(writer);\n" +
        "writer.WriteStartObject();");

    private static readonly CodeBlock WriteJsonUnknown = new("foreach (var pair in AdditionalProperties)\n{\nwriter.WriteString(pair.Key, pair.Value);\n}");

    // Relaxed escaping writes "tel:+7..." as the docs show it; this JSON is never embedded in HTML.
    private static readonly CodeBlock WriteJsonEnd = new(
        "writer.WriteEndObject();\n}\n\n" +
        "/// <summary>This value as UTF-8 JSON.</summary>\n" +
        "public byte[] ToJson()\n{\n" +
        "var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();\n" +
        "using (var writer = new " + Json + ".Utf8JsonWriter(buffer, new " + Json + ".JsonWriterOptions { Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))\n{\n" +
        "WriteJson(writer);\n}\n\n" +
        "return buffer.WrittenSpan.ToArray();\n}");

    private static void EmitWriteJson(CodeWriter writer, ObjectModel model, string ns)
    {
        writer.Write(WriteJsonHead);
        foreach (var property in model.Properties)
        {
            var value = property.Required || CSharp.IsReferenceType(property.Type) || property.ConstantValue is not null ? string.Empty : ".Value";
            var line = OpenWhenPresent(writer, property);
            if (property.ConstantValue is not null || property.Type.Kind is ValueKind.String or ValueKind.OpenEnum or ValueKind.DateTime || IsStringEnum(property)
                || (property.Type.Kind == ValueKind.Decimal && property.Type.WireString))
            {
                AppendWireText(line.Append("writer.WriteString(").AppendLiteral(property.WireName).Append(", "), property, ns).Append(");");
            }
            else if (property.Type.Kind == ValueKind.Object)
            {
                line.Append("writer.WritePropertyName(").AppendLiteral(property.WireName).Append("); ").Append(property.Name).Append(".WriteJson(writer);");
            }
            else
            {
                line.Append(property.Type.Kind == ValueKind.Boolean ? "writer.WriteBoolean(" : "writer.WriteNumber(").AppendLiteral(property.WireName)
                    .Append(property.Type.Kind == ValueKind.Enum ? ", (int)" : ", ").Append(property.Name).Append(value).Append(");");
            }

            CloseWhenPresent(writer, property);
        }

        if (model.KeepsUnknown)
        {
            writer.Write(WriteJsonUnknown);
        }

        writer.Write(WriteJsonEnd);
    }

    private static readonly CodeBlock FormatExceptionDoc = new("/// <exception cref=\"global::System.FormatException\">A required field is missing or a value cannot be read.</exception>");

    /// <summary>The null check of a method's form fields.</summary>
    internal static readonly CodeBlock FieldsNotNull = new("global::System.ArgumentNullException.ThrowIfNull(fields);");

    private static void EmitFromForm(CodeWriter writer, ObjectModel model, string ns)
    {
        XmlDoc.Summary(writer, Scratch.Of("Reads a <see cref=\"", model.Name, "\"/> from form fields (already URL-decoded). ", model.KeepsUnknown ? "Unknown fields are kept in <see cref=\"AdditionalProperties\"/>." : "Unknown fields are skipped."));
        writer.Write(FormatExceptionDoc);
        writer.Open("public static ", model.Name, " FromForm(" + Pairs + " fields)");
        writer.Write(FieldsNotNull);
        EmitFormFields(writer, model, ns, readForm: false);
        EmitConstruct(writer, model);
        writer.Close();
    }

    /// <summary>
    /// Declares the locals and reads each form field into its local; for <c>ReadForm</c> (<paramref name="readForm"/>) a read
    /// that can fail is guarded (<see cref="FormReaderEmitter.GuardedRead"/>).
    /// </summary>
    internal static void EmitFormFields(CodeWriter writer, ObjectModel model, string ns, bool readForm)
    {
        DeclareLocals(writer, model);
        writer.Write(FormFieldsLoop);
        foreach (var property in model.Properties)
        {
            Case(writer, property);
            var local = property.LocalName;
            if (IsStringEnum(property))
            {
                writer.Line(local, "Wire = field.Value;");
            }

            if (!readForm)
            {
                FormRead(writer, property, ns);
            }
            else
            {
                FormReaderEmitter.GuardedRead(writer, property, ns, model.Name);
            }

            writer.Line("break;").Outdent();
        }

        writer.Write(model.KeepsUnknown ? FormFieldsDefaultKeep : DefaultSkip);
    }

    private static readonly CodeBlock FormFieldsLoop = new("foreach (var field in fields)\n{\nswitch (field.Key)\n{");

    private static readonly CodeBlock FormFieldsDefaultKeep = new("default:\n    _additional[field.Key] = field.Value;\n    break;\n}\n}\n");

    private static void EmitToForm(CodeWriter writer, ObjectModel model, string ns)
    {
        writer.Write(model.KeepsUnknown ? ToFormHeadKeep : ToFormHead);
        foreach (var property in model.Properties)
        {
            AppendWireText(OpenWhenPresent(writer, property).Append("fields.Add(new(").AppendLiteral(property.WireName).Append(", "), property, ns).Append("));");
            CloseWhenPresent(writer, property);
        }

        writer.Write(model.KeepsUnknown ? ToFormEndKeep : ToFormEnd);
    }

    private const string ToFormBody =
        "public global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>> ToForm()\n{\n" +
        "var fields = new global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>();";

    private static readonly CodeBlock ToFormHead = new("/// <summary>The form fields of this value, in the spec's order.</summary>\n" + ToFormBody);

    private static readonly CodeBlock ToFormHeadKeep = new(
        "/// <summary>The form fields of this value, in the spec's order, then the additional properties.</summary>\n" + ToFormBody);

    private static readonly CodeBlock ToFormEnd = new("return fields;\n}");

    private static readonly CodeBlock ToFormEndKeep = new("foreach (var pair in AdditionalProperties)\n{\nfields.Add(pair);\n}\nreturn fields;\n}");

    /// <summary>Writes the statement that reads a form field's value into its local.</summary>
    internal static void FormRead(CodeWriter writer, PropertyModel property, string ns)
    {
        var line = writer.LineStart().Append(property.LocalName).Append(" = ");
        if (property.ConstantValue is not null)
        {
            line.Append("field.Value");
        }
        else
        {
            line.AppendFromWire(property.Type, property.Constraints, "field.Value", ns);
        }

        line.Append(';');
        writer.LineEnd();
    }

    private static void Case(CodeWriter writer, PropertyModel property)
    {
        writer.LineStart().Append("case ").AppendLiteral(property.WireName).Append(':');
        writer.LineEnd().Indent();
    }

    /// <summary>Appends the wire text of a simple property (constants as they are, string enums with their kept raw value).</summary>
    private static StringBuilder AppendWireText(StringBuilder builder, PropertyModel property, string ns)
    {
        if (property.ConstantValue is not null)
        {
            return builder.Append(property.Name);
        }

        if (IsStringEnum(property))
        {
            return AppendStringEnumWire(builder, property, ns);
        }

        return builder.AppendToWire(property.Type, property.Constraints, property.Name, property.Required || CSharp.IsReferenceType(property.Type) ? string.Empty : ".Value");
    }

    /// <summary>Starts the line of a statement that runs only when the property is present (a null check for an optional one).</summary>
    private static StringBuilder OpenWhenPresent(CodeWriter writer, PropertyModel property)
    {
        if (!property.Required && property.ConstantValue is null)
        {
            writer.Open("if (", property.Name, " is not null)");
        }

        return writer.LineStart();
    }

    /// <summary>Ends the line begun by <see cref="OpenWhenPresent"/> (and its block).</summary>
    private static void CloseWhenPresent(CodeWriter writer, PropertyModel property)
    {
        writer.LineEnd();
        if (!property.Required && property.ConstantValue is null)
        {
            writer.Close();
        }
    }
}
