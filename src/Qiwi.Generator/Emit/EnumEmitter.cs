using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// A closed enum: the C# enum and reflection-free helpers (ToWireValue, TryParse, FromWireValue,
/// IsDefined, GetDescription, IsFatal, IsFinal). An open enum: string constants with IsKnown and GetDescription.
/// </summary>
internal static class EnumEmitter
{
    public static string Emit(EmitContext spec, EnumModel model)
    {
        var writer = new CodeWriter(spec.Namespace);
        if (model.IsOpen)
        {
            EmitOpen(writer, spec, model);
        }
        else
        {
            EmitEnum(writer, spec, model);
            writer.Line();
            EmitExtensions(writer, spec, model);
        }

        return writer.ToString();
    }

    private static void EmitEnum(CodeWriter writer, EmitContext spec, EnumModel model)
    {
        XmlDoc.Summary(writer, model.Description);
        if (model.IsInteger)
        {
            XmlDoc.Remarks(writer, "A value the spec does not list keeps its number: cast it back to int, or call `ToWireValue()`.");
        }

        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " enum " + model.Name);
        if (!model.IsInteger)
        {
            XmlDoc.Summary(writer, "A value the spec does not list; models keep the raw wire value beside it.");
            writer.Line("Unknown = 0,");
        }

        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            if (i > 0 || !model.IsInteger)
            {
                writer.Line();
            }

            XmlDoc.Summary(writer, member.Description + (model.IsInteger ? string.Empty : " Wire value `" + member.WireValue + "`."));
            writer.Line(member.Name + " = " + (model.IsInteger ? member.WireValue : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) + ",");
        }

        writer.Close();
    }

    private static void EmitExtensions(CodeWriter writer, EmitContext spec, EnumModel model)
    {
        var name = model.Name;
        XmlDoc.Summary(writer, "Wire values, descriptions and QIWI semantics of <see cref=\"" + name + "\"/>, without reflection.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " static partial class " + model.ExtensionsName);

        XmlDoc.Summary(writer, "The values the spec lists, in its order.");
        writer.Line("public static " + name + "[] GetValues() => new[]");
        writer.Line("{").Indent();
        foreach (var member in model.Members)
        {
            writer.Line(name + "." + member.Name + ",");
        }

        writer.Outdent().Line("};");
        writer.Line();

        XmlDoc.Summary(writer, "The value as it travels on the wire.");
        if (model.IsInteger)
        {
            writer.Line("public static int ToWireValue(this " + name + " value) => (int)value;");
        }
        else
        {
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"value\"/> is not a listed value (for example <see cref=\"" + name + ".Unknown\"/>).</exception>");
            writer.Line("public static string ToWireValue(this " + name + " value) => value switch");
            writer.Line("{").Indent();
            foreach (var member in model.Members)
            {
                writer.Line(name + "." + member.Name + " => " + CSharp.Literal(member.WireValue) + ",");
            }

            writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), (int)value, \"" + name + " has no wire value for this value.\"),");
            writer.Outdent().Line("};");
        }

        writer.Line();
        XmlDoc.Summary(writer, "Reads a wire value. Returns false for a value the spec does not list; " + (model.IsInteger ? "the number is kept in <paramref name=\"value\"/> all the same." : "<paramref name=\"value\"/> is then <see cref=\"" + name + ".Unknown\"/>."));
        if (model.IsInteger)
        {
            writer.Open("public static bool TryParse(int wireValue, out " + name + " value)");
            writer.Line("value = (" + name + ")wireValue;");
            writer.Line("return value.IsDefined();");
            writer.Close();
            writer.Line();
            XmlDoc.Summary(writer, "Reads a wire value written as text (\"150\"). Returns false for text that is not an integer or a value the spec does not list.");
            writer.Open("public static bool TryParse(string? wireValue, out " + name + " value)");
            writer.Open("if (int.TryParse(wireValue, global::System.Globalization.NumberStyles.AllowLeadingSign, " + CSharp.Invariant + ", out var number))");
            writer.Line("return TryParse(number, out value);");
            writer.Close();
            writer.Line();
            writer.Line("value = default;");
            writer.Line("return false;");
            writer.Close();
            writer.Line();
            XmlDoc.Summary(writer, "The value for a wire value, listed or not.");
            writer.Line("public static " + name + " FromWireValue(int wireValue) => (" + name + ")wireValue;");
        }
        else
        {
            writer.Open("public static bool TryParse(string? wireValue, out " + name + " value)");
            writer.Open("switch (wireValue)");
            foreach (var member in model.Members)
            {
                writer.Line("case " + CSharp.Literal(member.WireValue) + ":").Indent();
                writer.Line("value = " + name + "." + member.Name + ";");
                writer.Line("return true;").Outdent();
            }

            writer.Line("default:").Indent();
            writer.Line("value = " + name + ".Unknown;");
            writer.Line("return false;").Outdent();
            writer.Close();
            writer.Close();
            writer.Line();
            XmlDoc.Summary(writer, "The value for a wire value; <see cref=\"" + name + ".Unknown\"/> when the spec does not list it.");
            writer.Line("public static " + name + " FromWireValue(string? wireValue) => TryParse(wireValue, out var value) ? value : " + name + ".Unknown;");
        }

        writer.Line();
        XmlDoc.Summary(writer, "Whether the spec lists <paramref name=\"value\"/>.");
        Switch(writer, "public static bool IsDefined(this " + name + " value)", model, _ => "true", "false");

        writer.Line();
        XmlDoc.Summary(writer, "The spec's description of <paramref name=\"value\"/>, or null when the spec does not list it.");
        Switch(writer, "public static string? GetDescription(this " + name + " value)", model, m => CSharp.Literal(m.Description), "null");

        if (model.HasFatal)
        {
            writer.Line();
            XmlDoc.Summary(writer, "Whether the result will not change when the request is repeated: true (fatal, do not retry), false (temporary), or null when the docs do not say or the spec does not list the code.");
            Switch(writer, "public static bool? IsFatal(this " + name + " value)", model, m => m.Fatal switch { Fatality.Fatal => "true", Fatality.Temporary => "false", _ => "null" }, "null");
        }

        if (model.HasFinal)
        {
            writer.Line();
            XmlDoc.Summary(writer, "Whether the status is final (cannot change any more). False for a status the spec does not list.");
            Switch(writer, "public static bool IsFinal(this " + name + " value)", model, m => m.Final == true ? "true" : "false", "false");
        }

        writer.Close();
    }

    private static void Switch(CodeWriter writer, string signature, EnumModel model, System.Func<EnumMemberModel, string> result, string fallback)
    {
        writer.Line(signature + " => value switch");
        writer.Line("{").Indent();
        foreach (var member in model.Members)
        {
            var value = result(member);
            if (value != fallback)
            {
                writer.Line(model.Name + "." + member.Name + " => " + value + ",");
            }
        }

        writer.Line("_ => " + fallback + ",");
        writer.Outdent().Line("};");
    }

    private static void EmitOpen(CodeWriter writer, EmitContext spec, EnumModel model)
    {
        XmlDoc.Summary(writer, model.Description);
        XmlDoc.Remarks(writer, "An open set: these are the well-known values; any value the schema allows is valid.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " static partial class " + model.Name);
        foreach (var member in model.Members)
        {
            XmlDoc.Summary(writer, member.Description);
            writer.Line("public const string " + member.Name + " = " + CSharp.Literal(member.WireValue) + ";");
            writer.Line();
        }

        XmlDoc.Summary(writer, "Whether <paramref name=\"value\"/> is one of the well-known values (ordinal comparison).");
        writer.Line("public static bool IsKnown(string? value) => GetDescription(value) is not null;");
        writer.Line();
        XmlDoc.Summary(writer, "The description of a well-known value, or null.");
        writer.Line("public static string? GetDescription(string? value) => value switch");
        writer.Line("{").Indent();
        foreach (var member in model.Members)
        {
            writer.Line(member.Name + " => " + CSharp.Literal(member.Description) + ",");
        }

        writer.Line("_ => null,");
        writer.Outdent().Line("};");
        writer.Close();
    }
}
