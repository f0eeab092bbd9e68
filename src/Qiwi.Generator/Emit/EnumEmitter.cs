using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// A closed enum: the C# enum and reflection-free helpers (ToWireValue, TryParse, FromWireValue,
/// IsDefined, GetDescription, IsFatal, IsFinal). An open enum: string constants with IsKnown and GetDescription.
/// </summary>
internal static class EnumEmitter
{
    private static readonly CodeBlock GeneratedCode = new(CSharp.GeneratedCode);

    private static readonly CodeBlock IntegerEnumHead = new(
        CodeWriter.LinesOf(w => XmlDoc.Remarks(w, "A value the spec does not list keeps its number: cast it back to int, or call `ToWireValue()`.")) + "\n" + CSharp.GeneratedCode);

    private static readonly CodeBlock UnknownMember = new(
        CodeWriter.LinesOf(w => XmlDoc.Summary(w, "A value the spec does not list; models keep the raw wire value beside it.")) + "\nUnknown = 0,");

    private static readonly CodeBlock ValuesDoc = CodeBlock.Docs(w => XmlDoc.Summary(w, "The values the spec lists, in its order."));

    private static readonly CodeBlock WireValueDoc = new("\n" + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "The value as it travels on the wire.")));

    private static readonly CodeBlock IntegerTryParseEnd = new(
        "return value.IsDefined();\n}\n\n"
        + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "Reads a wire value written as text (\"150\"). Returns false for text that is not an integer or a value the spec does not list.")));

    private static readonly CodeBlock IntegerTryParseText = new(
        "if (int.TryParse(wireValue, global::System.Globalization.NumberStyles.AllowLeadingSign, " + CSharp.Invariant + ", out var number))\n{\n"
        + "return TryParse(number, out value);\n}\n\nvalue = default;\nreturn false;\n}\n\n"
        + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "The value for a wire value, listed or not.")));

    private static readonly CodeBlock CloseTwoAndBlank = new("}\n}\n");

    private static readonly CodeBlock IsDefinedDoc = new("\n" + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "Whether the spec lists <paramref name=\"value\"/>.")));

    private static readonly CodeBlock DescriptionDoc = new(
        "\n" + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "The spec's description of <paramref name=\"value\"/>, or null when the spec does not list it.")));

    private static readonly CodeBlock IsFatalDoc = new("\n" + CodeWriter.LinesOf(w => XmlDoc.Summary(
        w, "Whether the result will not change when the request is repeated: true (fatal, do not retry), false (temporary), or null when the docs do not say or the spec does not list the code.")));

    private static readonly CodeBlock IsFinalDoc = new(
        "\n" + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "Whether the status is final (cannot change any more). False for a status the spec does not list.")));

    /// <summary>The end of a switch expression written after <c>writer.Line("{").Indent()</c>.</summary>
    private static readonly CodeBlock SwitchEnd = new("};");

    private static readonly CodeBlock OpenSetHead = new(
        CodeWriter.LinesOf(w => XmlDoc.Remarks(w, "An open set: these are the well-known values; any value the schema allows is valid.")) + "\n" + CSharp.GeneratedCode);

    private static readonly CodeBlock OpenSetQueries = new(
        CodeWriter.LinesOf(w => XmlDoc.Summary(w, "Whether <paramref name=\"value\"/> is one of the well-known values (ordinal comparison)."))
        + "\npublic static bool IsKnown(string? value) => GetDescription(value) is not null;\n\n"
        + CodeWriter.LinesOf(w => XmlDoc.Summary(w, "The description of a well-known value, or null."))
        + "\npublic static string? GetDescription(string? value) => value switch\n{");

    private static readonly CodeBlock OpenSetEnd = new("_ => null,\n};\n}");

    public static CodeWriter Emit(EmitContext spec, EnumModel model)
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

        return writer;
    }

    private static void EmitEnum(CodeWriter writer, EmitContext spec, EnumModel model)
    {
        XmlDoc.Summary(writer, model.Description);
        writer.Write(model.IsInteger ? IntegerEnumHead : GeneratedCode);
        writer.Open(spec.Visibility, " enum ", model.Name);
        if (!model.IsInteger)
        {
            writer.Write(UnknownMember);
        }

        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            if (i > 0 || !model.IsInteger)
            {
                writer.Line();
            }

            if (model.IsInteger)
            {
                XmlDoc.Summary(writer, member.Description);
            }
            else
            {
                XmlDoc.Summary(writer, Scratch.Of(member.Description, " Wire value `", member.WireValue, "`."));
            }

            var line = writer.LineStart().Append(member.Name).Append(" = ");
            if (model.IsInteger)
            {
                line.Append(member.WireValue);
            }
            else
            {
                line.AppendInvariant(i + 1);
            }

            line.Append(',');
            writer.LineEnd();
        }

        writer.Close();
    }

    // Inside the helpers class, a simple name that is one of these binds to the inherited or declared method, not to the enum.
    private static readonly System.Collections.Generic.HashSet<string> HiddenInHelpers = new(System.StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize",
        "GetValues", "ToWireValue", "TryParse", "FromWireValue", "IsDefined", "GetDescription", "IsFatal", "IsFinal",
    };

    /// <summary>The enum as the helpers' expressions name it: qualified when its simple name would bind to a method of the helpers class (an enum <c>Equals</c>).</summary>
    private static string InExpressions(EmitContext spec, string name) => HiddenInHelpers.Contains(name) ? "global::" + spec.Namespace + "." + name : name;

    private static void EmitExtensions(CodeWriter writer, EmitContext spec, EnumModel model)
    {
        var name = model.Name;
        var enumName = InExpressions(spec, name);
        XmlDoc.Summary(writer, Scratch.Of("Wire values, descriptions and QIWI semantics of <see cref=\"", enumName, "\"/>, without reflection."));
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " static partial class ", model.ExtensionsName);

        writer.Write(ValuesDoc);
        writer.Line("public static ", name, "[] GetValues() => new[]");
        writer.Line("{").Indent();
        foreach (var member in model.Members)
        {
            writer.Line(enumName, ".", member.Name, ",");
        }

        writer.Outdent().Line("};");
        writer.Write(WireValueDoc);
        if (model.IsInteger)
        {
            writer.Line("public static int ToWireValue(this ", name, " value) => (int)value;");
        }
        else
        {
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"value\"/> is not a listed value (for example <see cref=\"", enumName, ".Unknown\"/>).</exception>");
            writer.Line("public static string ToWireValue(this ", name, " value) => value switch");
            writer.Line("{").Indent();
            foreach (var member in model.Members)
            {
                writer.LineStart().Append(enumName).Append('.').Append(member.Name).Append(" => ").AppendLiteral(member.WireValue).Append(',');
                writer.LineEnd();
            }

            writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), (int)value, \"", name, " has no wire value for this value.\"),");
            writer.Outdent().Line("};");
        }

        writer.Line();
        if (model.IsInteger)
        {
            XmlDoc.Summary(writer, "Reads a wire value. Returns false for a value the spec does not list; the number is kept in <paramref name=\"value\"/> all the same.");
        }
        else
        {
            XmlDoc.Summary(writer, Scratch.Of("Reads a wire value. Returns false for a value the spec does not list; <paramref name=\"value\"/> is then <see cref=\"", enumName, ".Unknown\"/>."));
        }

        if (model.IsInteger)
        {
            writer.Open("public static bool TryParse(int wireValue, out ", name, " value)");
            writer.Line("value = (", enumName, ")wireValue;");
            writer.Write(IntegerTryParseEnd);
            writer.Open("public static bool TryParse(string? wireValue, out ", name, " value)");
            writer.Write(IntegerTryParseText);
            writer.Line("public static ", name, " FromWireValue(int wireValue) => (", enumName, ")wireValue;");
        }
        else
        {
            writer.Open("public static bool TryParse(string? wireValue, out ", name, " value)");
            writer.Open("switch (wireValue)");
            foreach (var member in model.Members)
            {
                writer.LineStart().Append("case ").AppendLiteral(member.WireValue).Append(':');
                writer.LineEnd().Indent();
                writer.Line("value = ", enumName, ".", member.Name, ";");
                writer.Line("return true;").Outdent();
            }

            writer.Line("default:").Indent();
            writer.Line("value = ", enumName, ".Unknown;");
            writer.Line("return false;").Outdent();
            writer.Write(CloseTwoAndBlank);
            XmlDoc.Summary(writer, Scratch.Of("The value for a wire value; <see cref=\"", enumName, ".Unknown\"/> when the spec does not list it."));
            writer.Line("public static ", name, " FromWireValue(string? wireValue) => TryParse(wireValue, out var value) ? value : ", enumName, ".Unknown;");
        }

        writer.Write(IsDefinedDoc);
        Switch(writer, "public static bool IsDefined(this ", " value)", enumName, model, Query.IsDefined, "false");

        writer.Write(DescriptionDoc);
        Switch(writer, "public static string? GetDescription(this ", " value)", enumName, model, Query.Description, "null");

        if (model.HasFatal)
        {
            writer.Write(IsFatalDoc);
            Switch(writer, "public static bool? IsFatal(this ", " value)", enumName, model, Query.IsFatal, "null");
        }

        if (model.HasFinal)
        {
            writer.Write(IsFinalDoc);
            Switch(writer, "public static bool IsFinal(this ", " value)", enumName, model, Query.IsFinal, "false");
        }

        writer.Close();
    }

    /// <summary>What a switch over the enum's values answers.</summary>
    private enum Query
    {
        IsDefined,
        Description,
        IsFatal,
        IsFinal,
    }

    /// <summary>The method <paramref name="head"/> + the enum's name + <paramref name="tail"/>: a switch with an arm for each value whose answer is not <paramref name="fallback"/>.</summary>
    private static void Switch(CodeWriter writer, string head, string tail, string enumName, EnumModel model, Query query, string fallback)
    {
        writer.Line(head, model.Name, tail, " => value switch");
        writer.Line("{").Indent();
        foreach (var member in model.Members)
        {
            // Only a description is written as a literal; the fallbacks are keywords, which a literal never equals.
            var value = query switch
            {
                Query.IsDefined => "true",
                Query.IsFatal => member.Fatal switch { Fatality.Fatal => "true", Fatality.Temporary => "false", _ => "null" },
                Query.IsFinal => member.Final == true ? "true" : "false",
                _ => null,
            };
            if (value == fallback)
            {
                continue;
            }

            var line = writer.LineStart().Append(enumName).Append('.').Append(member.Name).Append(" => ");
            if (value is null)
            {
                line.AppendLiteral(member.Description);
            }
            else
            {
                line.Append(value);
            }

            line.Append(',');
            writer.LineEnd();
        }

        writer.Line("_ => ", fallback, ",");
        writer.Write(SwitchEnd);
    }

    private static void EmitOpen(CodeWriter writer, EmitContext spec, EnumModel model)
    {
        XmlDoc.Summary(writer, model.Description);
        writer.Write(OpenSetHead);
        writer.Open(spec.Visibility, " static partial class ", model.Name);
        foreach (var member in model.Members)
        {
            XmlDoc.Summary(writer, member.Description);
            writer.LineStart().Append("public const string ").Append(member.Name).Append(" = ").AppendLiteral(member.WireValue).Append(';');
            writer.LineEnd();
            writer.Line();
        }

        writer.Write(OpenSetQueries);
        foreach (var member in model.Members)
        {
            writer.LineStart().Append(member.Name).Append(" => ").AppendLiteral(member.Description).Append(',');
            writer.LineEnd();
        }

        writer.Write(OpenSetEnd);
    }
}
