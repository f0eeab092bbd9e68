using System;
using System.Collections.Generic;
using System.Text;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// The receiving side of a form (what a server does with a request, or a merchant with a notification): <c>ReadForm</c>
/// reads a flat model and applies every rule the spec gives its fields, returning the value or the first field that
/// breaks a rule (which field, which rule) instead of throwing; <c>{Client}PathChecks</c> does the same for the
/// string path parameters of each operation. Emitted after the client, so the pattern table keeps its names.
/// </summary>
internal static class FormReaderEmitter
{
    private const string Check = CSharp.Runtime + ".QiwiFieldCheck.";
    private const string Pairs = "global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>";

    private static readonly CodeBlock ReadFormParams = CodeBlock.Docs(w =>
    {
        XmlDoc.Param(w, "fields", "The form fields.");
        XmlDoc.Param(w, "timeProvider", "The clock date windows are checked against; the system clock when null.");
    });

    /// <summary>The end of the result's initializer (written after <c>writer.Line("{").Indent()</c>), of ReadForm and of the type.</summary>
    private static readonly CodeBlock ReadFormEnd = new("});\n}\n}");

    public static CodeWriter EmitReader(FormScope spec, ObjectModel model, PatternTable patterns)
    {
        var writer = new CodeWriter(spec.Namespace);
        writer.Open(spec.Visibility, " sealed partial record ", model.Name);
        XmlDoc.Summary(writer, Scratch.Of("Reads a <see cref=\"", model.Name, "\"/> from form fields (already URL-decoded) and checks every rule the spec gives its fields"
            + " (presence, format, length, pattern, bounds after rounding, date window, listed values). Never throws for bad input: the result names the first field that breaks a rule, and the rule."
            + " Decimals are rounded as the spec says before their bounds are checked."));
        writer.Write(ReadFormParams);
        Result(writer.LineStart().Append("public static "), model.Name).Append(" ReadForm(" + Pairs + " fields, global::System.TimeProvider? timeProvider = null)");
        writer.OpenEnd();
        writer.Write(SerializationEmitter.FieldsNotNull);
        SerializationEmitter.EmitFormFields(writer, model, spec.Namespace, readForm: true);
        var declared = false;
        foreach (var property in model.Properties)
        {
            var local = property.LocalName;
            if (property.Required)
            {
                writer.Open("if (", local, " is null)");
                Result(writer.LineStart().Append("return "), model.Name).Append(".Fail(" + Check + "Missing(").AppendLiteral(property.WireName).Append("));");
                writer.LineEnd();
                writer.Close();
                writer.Line();
            }

            var value = CSharp.IsReferenceType(property.Type) || property.ConstantValue is not null ? string.Empty : ".Value";
            if (property.Type.Kind == ValueKind.Decimal && property.Constraints.DecimalScale is int scale)
            {
                if (!property.Required)
                {
                    writer.Open("if (", local, " is not null)");
                }

                writer.LineStart().Append(local).Append(" = " + CSharp.Runtime + ".QiwiFormat.Round(").Append(local).Append(value).Append(", ").AppendInvariant(scale)
                    .Append(", " + CSharp.Runtime + ".QiwiRounding.").Append(CSharp.RoundingName(property.Constraints.Rounding)).Append(");");
                writer.LineEnd();
                if (!property.Required)
                {
                    writer.Close();
                }

                writer.Line();
            }

            // The declaration and the 'if' are taken back when the property has no rule.
            var mark = writer.Mark();
            if (!declared)
            {
                writer.Line(CSharp.Runtime + ".QiwiFieldProblem? problem;");
            }

            // A required value is known to be present here; testing it again would make the compiler doubt it.
            var line = writer.LineStart().Append("if (");
            if (!property.Required)
            {
                line.Append(local).Append(" is not null && ");
            }

            line.Append("(problem = ");
            int count;
            if (property.ConstantValue is not null)
            {
                line.Append(Check + "Listed(").AppendLiteral(property.WireName).Append(", ").Append(local).Append(" == ").AppendLiteral(property.ConstantValue)
                    .Append(", ").Append(local).Append(", ").AppendLiteral(property.ConstantValue).Append(')');
                count = 1;
            }
            else
            {
                count = AppendChecks(line, spec, property.WireName, local, value, property.Type, property.Constraints, patterns, model.Name, property.Name,
                    "timeProvider ?? global::System.TimeProvider.System", property.WireLocalName ?? local + "Wire");
            }

            if (count == 0)
            {
                writer.Rewind(mark);
                continue;
            }

            declared = true;
            line.Append(") is not null)");
            writer.OpenEnd();
            Result(writer.LineStart().Append("return "), model.Name).Append(".Fail(problem);");
            writer.LineEnd();
            writer.Close();
            writer.Line();
        }

        Result(writer.LineStart().Append("return "), model.Name).Append(".Ok(new ").Append(model.Name);
        writer.LineEnd();
        writer.Line("{").Indent();
        foreach (var property in model.Properties)
        {
            var local = property.LocalName;
            var line = writer.LineStart().Append(property.Name).Append(" = ").Append(local);
            if (property.ConstantValue is not null)
            {
                line.Append(" ?? ").AppendLiteral(property.ConstantValue);
            }
            else if (property.Required && !CSharp.IsReferenceType(property.Type))
            {
                line.Append(".Value");
            }

            line.Append(',');
            writer.LineEnd();
            if (SerializationEmitter.IsStringEnum(property))
            {
                writer.Line(property.WireValueName!, " = ", property.WireLocalName!, ",");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line("AdditionalProperties = _additional,");
        }

        writer.Write(ReadFormEnd);
        return writer;
    }

    /// <summary>Appends <c>ReadForm</c>'s result type for the model named <paramref name="model"/> (no string of it is made).</summary>
    private static StringBuilder Result(StringBuilder builder, string model) => builder.Append(CSharp.Runtime + ".QiwiFormResult<").Append(model).Append('>');

    /// <summary>The read of a form field in <c>ReadForm</c>: a read that can fail returns the field and what it must look like instead of throwing.</summary>
    internal static void GuardedRead(CodeWriter writer, PropertyModel property, string ns, string model)
    {
        if (Expected(property) is not string expected)
        {
            SerializationEmitter.FormRead(writer, property, ns);
            return;
        }

        writer.Open("try");
        SerializationEmitter.FormRead(writer, property, ns);
        writer.Close();
        writer.Open("catch (global::System.FormatException)");
        Result(writer.LineStart().Append("return "), model).Append(".Fail(" + Check + "Unreadable(").AppendLiteral(property.WireName).Append(", field.Value, ").AppendLiteral(expected, ExpectedFormat(property)).Append("));");
        writer.LineEnd();
        writer.Close();
        writer.Line();
    }

    /// <summary>True when an operation has a path parameter with a rule: the path checks class has a method for it (else there is no such class).</summary>
    public static bool HasPathChecks(EquatableArray<OperationModel> operations)
    {
        foreach (var operation in operations)
        {
            foreach (var parameter in operation.Parameters)
            {
                if (HasPathRules(parameter))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A path parameter the checks take: checked in the path, with a rule.</summary>
    private static bool HasPathRules(ParameterModel parameter)
        => ParameterCode.IsPathChecked(parameter) && RulesOf(parameter.Type, parameter.Constraints) != Rule.None;

    /// <summary>One method per operation with rules on its string path parameters, or null when no operation has any.</summary>
    public static CodeWriter? EmitPathChecks(PathChecksScope spec, PatternTable patterns)
    {
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "The spec's rules for the string path parameters of each operation, for the receiving side (a server emulating the API). Each method returns the first parameter that breaks a rule, or null.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility, " static class ", spec.Names.PathChecks);
        var any = false;
        var parameters = new List<ParameterModel>();
        foreach (var operation in spec.Operations)
        {
            // Which parameters have rules, so that only they are documented and taken.
            parameters.Clear();
            foreach (var parameter in operation.Parameters)
            {
                if (HasPathRules(parameter))
                {
                    parameters.Add(parameter);
                }
            }

            if (parameters.Count == 0)
            {
                continue;
            }

            if (any)
            {
                writer.Line();
            }

            any = true;
            XmlDoc.Summary(writer, Scratch.Take().Append("Checks the path parameters of <c>").Append(operation.OperationId).Append("</c> (").Append(operation.Method).Append(' ')
                .Append(operation.PathTemplate).Append(")."));
            foreach (var parameter in parameters)
            {
                XmlDoc.Param(writer, ParameterCode.Name(parameter), Scratch.Of("<c>", parameter.WireName, "</c>, as received (percent-decoded)."));
            }

            var line = writer.LineStart().Append("public static " + CSharp.Runtime + ".QiwiFieldProblem? ").Append(operation.Name).Append('(');
            for (var i = 0; i < parameters.Count; i++)
            {
                line.Append(i == 0 ? "string " : ", string ").Append(ParameterCode.Name(parameters[i]));
            }

            line.Append(')');
            writer.LineEnd();
            line = writer.Indent().LineStart().Append("=> ");
            for (var i = 0; i < parameters.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(" ?? ");
                }

                AppendPathChecks(line, spec, operation, parameters[i], patterns);
            }

            line.Append(';');
            writer.LineEnd().Outdent();
        }

        writer.Close();
        return any ? writer : null;
    }

    private static int AppendPathChecks(StringBuilder builder, FormScope spec, OperationModel operation, ParameterModel parameter, PatternTable patterns)
        => AppendChecks(builder, spec, parameter.WireName, ParameterCode.Name(parameter), string.Empty, parameter.Type, parameter.Constraints, patterns, operation.Name, parameter.Name, "null", "null");

    /// <summary>
    /// Appends expressions of type <c>QiwiFieldProblem?</c> for each rule of a present value (<paramref name="name"/> +
    /// <paramref name="value"/> is non-null), joined by <c> ?? </c>; returns how many.
    /// </summary>
    private static int AppendChecks(StringBuilder builder, FormScope spec, string wireName, string name, string value, TypeRef type, Constraints c, PatternTable patterns, string owner, string member, string time, string wireText)
        => AppendChecks(builder, spec, wireName, name, value, type, c, patterns, owner, member, time, wireText, RulesOf(type, c));

    /// <summary>
    /// The checks of a value read elsewhere (an inbound redirect's parameter, <paramref name="expression"/> non-null),
    /// as a form reader writes them, but the listed-value check; joined by <c> ?? </c>; returns how many.
    /// </summary>
    internal static int AppendValueChecks(StringBuilder builder, string wireName, string expression, TypeRef type, Constraints c, PatternTable patterns, string owner, string member, string time)
        => AppendChecks(builder, spec: null, wireName, expression, string.Empty, type, c, patterns, owner, member, time, "null", ValueRulesOf(type, c));

    /// <summary>The rules <see cref="AppendValueChecks"/> writes: a form reader's but the listed-value check (a closed enum's unlisted value reads as its unknown member).</summary>
    internal static Rule ValueRulesOf(TypeRef type, Constraints c) => RulesOf(type, c) & ~Rule.Listed;

    private static int AppendChecks(StringBuilder builder, FormScope? spec, string wireName, string name, string value, TypeRef type, Constraints c, PatternTable patterns, string owner, string member, string time, string wireText, Rule rules)
    {
        var count = 0;
        if ((rules & Rule.Length) != 0)
        {
            Start(builder, ref count, "Length(", wireName, name, value).Append(", ").AppendIntLiteral(c.MinLength).Append(", ").AppendIntLiteral(c.MaxLength).Append(')');
        }

        if ((rules & Rule.Pattern) != 0)
        {
            Start(builder, ref count, "Pattern(", wireName, name, value).Append(", ").AppendPatternField(patterns, c.Pattern!, owner, member).Append(", ").AppendLiteral(c.Pattern!).Append(')');
        }

        if ((rules & Rule.Minimum) != 0)
        {
            Start(builder, ref count, "Minimum(", wireName, name, value).Append(", ").Append(c.Minimum).Append("m, ").Append(CSharp.BoolLiteral(c.ExclusiveMinimum)).Append(')');
        }

        if ((rules & Rule.Maximum) != 0)
        {
            Start(builder, ref count, "Maximum(", wireName, name, value).Append(", ").Append(c.Maximum).Append("m, ").Append(CSharp.BoolLiteral(c.ExclusiveMaximum)).Append(')');
        }

        if ((rules & Rule.DateTimeWindow) != 0)
        {
            Start(builder, ref count, "DateTimeWindow(", wireName, name, value).Append(", ").Append(time).Append(", ").AppendIntLiteral(c.MaxDaysAhead).Append(", ").Append(CSharp.BoolLiteral(c.AllowPast)).Append(')');
        }

        if ((rules & Rule.Listed) != 0)
        {
            Start(builder, ref count, "Listed(", wireName, name, value).Append(".IsDefined(), ").Append(wireText).Append(" ?? string.Empty, ");
            AppendAllowed(builder, spec!, type.TypeName).Append(')');
        }

        return count;
    }

    /// <summary>The checks <see cref="AppendChecks"/> writes, in its order (each at most once).</summary>
    [Flags]
    internal enum Rule
    {
        None = 0,
        Length = 1,
        Pattern = 2,
        Minimum = 4,
        Maximum = 8,
        DateTimeWindow = 16,
        Listed = 32,
    }

    /// <summary>The rules a present value of the type has: what the form reader and the path checks write, told without writing it.</summary>
    internal static Rule RulesOf(TypeRef type, Constraints c)
    {
        var rules = Rule.None;
        switch (type.Kind)
        {
            case ValueKind.String:
            case ValueKind.OpenEnum:
                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    rules |= Rule.Length;
                }

                if (c.Pattern is not null)
                {
                    rules |= Rule.Pattern;
                }

                break;
            case ValueKind.Decimal:
            case ValueKind.Int32:
            case ValueKind.Int64:
                if (c.Minimum is not null)
                {
                    rules |= Rule.Minimum;
                }

                if (c.Maximum is not null)
                {
                    rules |= Rule.Maximum;
                }

                break;
            case ValueKind.DateTime:
                if (c.MaxDaysAhead is not null || !c.AllowPast)
                {
                    rules |= Rule.DateTimeWindow;
                }

                break;
            case ValueKind.Enum when !type.IntegerEnum:
                rules |= Rule.Listed;
                break;
        }

        return rules;
    }

    /// <summary>Starts <c>QiwiFieldCheck.Method("wire", value</c> (after a <c> ?? </c> when a check came before).</summary>
    private static StringBuilder Start(StringBuilder builder, ref int count, string method, string wireName, string name, string value)
    {
        if (count++ > 0)
        {
            builder.Append(" ?? ");
        }

        return builder.Append(Check).Append(method).AppendLiteral(wireName).Append(", ").Append(name).Append(value);
    }

    /// <summary>What a value must look like, for a type whose reading can fail (then <see cref="ExpectedFormat"/>); null when any text is accepted.</summary>
    private static string? Expected(PropertyModel property) => property.ConstantValue is null ? ExpectedOf(property.Type) : null;

    /// <summary>
    /// What a value of <paramref name="type"/> must look like when reading its text can fail (a number, a boolean, a date,
    /// an integer enum), else null: the one list of such types, for the form reader's messages and the redirect parser's reads.
    /// </summary>
    internal static string? ExpectedOf(TypeRef type) => type.Kind switch
    {
        ValueKind.Int32 or ValueKind.Int64 => "an integer",
        ValueKind.Decimal => "a decimal number with a point as separator",
        ValueKind.Boolean => "true or false",
        ValueKind.DateTime => "a date and time as ",
        ValueKind.Enum when type.IntegerEnum => "an integer",
        _ => null,
    };

    /// <summary>The end of <see cref="Expected"/>'s text: a date and time's format, else nothing.</summary>
    private static string ExpectedFormat(PropertyModel property)
        => property.Type.Kind == ValueKind.DateTime ? property.Constraints.DateTimeFormat ?? "yyyy-MM-ddTHH:mm:ss" : string.Empty;

    /// <summary>Appends the literal of the enum's wire values, joined by ", " (the enum's name when it is not in the scope).</summary>
    private static StringBuilder AppendAllowed(StringBuilder builder, FormScope spec, string? enumName)
    {
        foreach (var model in spec.Enums)
        {
            if (model.Name == enumName)
            {
                return CSharp.AppendJoinedLiteral(builder, model.Members);
            }
        }

        return builder.AppendLiteral(enumName ?? string.Empty);
    }
}
