using System.Collections.Generic;
using System.Globalization;
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

    public static string EmitReader(FormScope spec, ObjectModel model, PatternTable patterns)
    {
        var result = CSharp.Runtime + ".QiwiFormResult<" + model.Name + ">";
        var writer = new CodeWriter(spec.Namespace);
        writer.Open(spec.Visibility + " sealed partial record " + model.Name);
        XmlDoc.Summary(writer, "Reads a <see cref=\"" + model.Name + "\"/> from form fields (already URL-decoded) and checks every rule the spec gives its fields"
            + " (presence, format, length, pattern, bounds after rounding, date window, listed values). Never throws for bad input: the result names the first field that breaks a rule, and the rule."
            + " Decimals are rounded as the spec says before their bounds are checked.");
        XmlDoc.Param(writer, "fields", "The form fields.");
        XmlDoc.Param(writer, "timeProvider", "The clock date windows are checked against; the system clock when null.");
        writer.Open("public static " + result + " ReadForm(" + Pairs + " fields, global::System.TimeProvider? timeProvider = null)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(fields);");
        SerializationEmitter.EmitFormFields(writer, model, spec.Namespace, (property, read) =>
        {
            if (Expected(property) is not string expected)
            {
                writer.Line(read);
                return;
            }

            writer.Open("try");
            writer.Line(read);
            writer.Close();
            writer.Open("catch (global::System.FormatException)");
            writer.Line("return " + result + ".Fail(" + Check + "Unreadable(" + CSharp.Literal(property.WireName) + ", field.Value, " + CSharp.Literal(expected) + "));");
            writer.Close();
            writer.Line();
        });
        var declared = false;
        foreach (var property in model.Properties)
        {
            var local = property.LocalName;
            if (property.Required)
            {
                writer.Open("if (" + local + " is null)");
                writer.Line("return " + result + ".Fail(" + Check + "Missing(" + CSharp.Literal(property.WireName) + "));");
                writer.Close();
                writer.Line();
            }

            var value = CSharp.IsReferenceType(property.Type) || property.ConstantValue is not null ? local : local + ".Value";
            if (property.Type.Kind == ValueKind.Decimal && property.Constraints.DecimalScale is int scale)
            {
                var round = local + " = " + CSharp.Runtime + ".QiwiFormat.Round(" + value + ", " + scale.ToString(CultureInfo.InvariantCulture) + ", " + CSharp.Runtime + ".QiwiRounding." + property.Constraints.Rounding + ");";
                if (property.Required)
                {
                    writer.Line(round);
                }
                else
                {
                    writer.Open("if (" + local + " is not null)");
                    writer.Line(round);
                    writer.Close();
                }

                writer.Line();
            }

            var checks = property.ConstantValue is not null
                ? new List<string> { Check + "Listed(" + CSharp.Literal(property.WireName) + ", " + local + " == " + CSharp.Literal(property.ConstantValue) + ", " + local + ", " + CSharp.Literal(property.ConstantValue) + ")" }
                : Checks(spec, property.WireName, value, property.Type, property.Constraints, patterns, model.Name + property.Name, "timeProvider ?? global::System.TimeProvider.System", property.WireLocalName ?? local + "Wire");
            if (checks.Count == 0)
            {
                continue;
            }

            if (!declared)
            {
                writer.Line(CSharp.Runtime + ".QiwiFieldProblem? problem;");
                declared = true;
            }

            // A required value is known to be present here; testing it again would make the compiler doubt it.
            writer.Open("if (" + (property.Required ? string.Empty : local + " is not null && ") + "(problem = " + string.Join(" ?? ", checks) + ") is not null)");
            writer.Line("return " + result + ".Fail(problem);");
            writer.Close();
            writer.Line();
        }

        writer.Line("return " + result + ".Ok(new " + model.Name);
        writer.Line("{").Indent();
        foreach (var property in model.Properties)
        {
            var local = property.LocalName;
            var value = property.ConstantValue is not null ? local + " ?? " + CSharp.Literal(property.ConstantValue)
                : property.Required && !CSharp.IsReferenceType(property.Type) ? local + ".Value"
                : local;
            writer.Line(property.Name + " = " + value + ",");
            if (SerializationEmitter.IsStringEnum(property))
            {
                writer.Line(property.WireValueName + " = " + property.WireLocalName + ",");
            }
        }

        if (model.KeepsUnknown)
        {
            writer.Line("AdditionalProperties = _additional,");
        }

        writer.Outdent().Line("});");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>One method per operation with rules on its string path parameters, or null when no operation has any.</summary>
    public static string? EmitPathChecks(PathChecksScope spec, PatternTable patterns)
    {
        var writer = new CodeWriter(spec.Namespace);
        XmlDoc.Summary(writer, "The spec's rules for the string path parameters of each operation, for the receiving side (a server emulating the API). Each method returns the first parameter that breaks a rule, or null.");
        writer.Line(CSharp.GeneratedCode);
        writer.Open(spec.Visibility + " static class " + spec.Names.PathChecks);
        var any = false;
        foreach (var operation in spec.Operations)
        {
            var parameters = new List<ParameterModel>();
            var checks = new List<string>();
            foreach (var parameter in operation.Parameters)
            {
                if (!ParameterCode.IsPathChecked(parameter))
                {
                    continue;
                }

                var own = Checks(spec, parameter.WireName, ParameterCode.Name(parameter), parameter.Type, parameter.Constraints, patterns, operation.Name + parameter.Name, "null", "null");
                if (own.Count > 0)
                {
                    parameters.Add(parameter);
                    checks.AddRange(own);
                }
            }

            if (checks.Count == 0)
            {
                continue;
            }

            if (any)
            {
                writer.Line();
            }

            any = true;
            XmlDoc.Summary(writer, "Checks the path parameters of <c>" + operation.OperationId + "</c> (" + operation.Method + " " + operation.PathTemplate + ").");
            var declarations = new List<string>();
            foreach (var parameter in parameters)
            {
                XmlDoc.Param(writer, ParameterCode.Name(parameter), "<c>" + parameter.WireName + "</c>, as received (percent-decoded).");
                declarations.Add("string " + ParameterCode.Name(parameter));
            }

            writer.Line("public static " + CSharp.Runtime + ".QiwiFieldProblem? " + operation.Name + "(" + string.Join(", ", declarations) + ")");
            writer.Indent().Line("=> " + string.Join(" ?? ", checks) + ";").Outdent();
        }

        writer.Close();
        return any ? writer.ToString() : null;
    }

    /// <summary>Expressions of type <c>QiwiFieldProblem?</c> for each rule of a present value (<paramref name="value"/> is non-null).</summary>
    private static List<string> Checks(FormScope spec, string wireName, string value, TypeRef type, Constraints c, PatternTable patterns, string owner, string time, string wireText)
    {
        var field = CSharp.Literal(wireName);
        var checks = new List<string>();
        switch (type.Kind)
        {
            case ValueKind.String:
            case ValueKind.OpenEnum:
                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    checks.Add(Check + "Length(" + field + ", " + value + ", " + Int(c.MinLength) + ", " + Int(c.MaxLength) + ")");
                }

                if (c.Pattern is not null)
                {
                    checks.Add(Check + "Pattern(" + field + ", " + value + ", " + patterns.Field(c.Pattern, owner) + ", " + CSharp.Literal(c.Pattern) + ")");
                }

                break;
            case ValueKind.Decimal:
            case ValueKind.Int32:
            case ValueKind.Int64:
                if (c.Minimum is not null)
                {
                    checks.Add(Check + "Minimum(" + field + ", " + value + ", " + CSharp.DecimalLiteral(c.Minimum) + ", " + Bool(c.ExclusiveMinimum) + ")");
                }

                if (c.Maximum is not null)
                {
                    checks.Add(Check + "Maximum(" + field + ", " + value + ", " + CSharp.DecimalLiteral(c.Maximum) + ", " + Bool(c.ExclusiveMaximum) + ")");
                }

                break;
            case ValueKind.DateTime:
                if (c.MaxDaysAhead is not null || !c.AllowPast)
                {
                    checks.Add(Check + "DateTimeWindow(" + field + ", " + value + ", " + time + ", " + Int(c.MaxDaysAhead) + ", " + Bool(c.AllowPast) + ")");
                }

                break;
            case ValueKind.Enum when !type.IntegerEnum:
                checks.Add(Check + "Listed(" + field + ", " + value + ".IsDefined(), " + wireText + " ?? string.Empty, " + CSharp.Literal(Allowed(spec, type.TypeName)) + ")");
                break;
        }

        return checks;
    }

    /// <summary>What a value must look like, for a type whose reading can fail; null when any text is accepted.</summary>
    private static string? Expected(PropertyModel property)
    {
        if (property.ConstantValue is not null)
        {
            return null;
        }

        return property.Type.Kind switch
        {
            ValueKind.Int32 or ValueKind.Int64 => "an integer",
            ValueKind.Decimal => "a decimal number with a point as separator",
            ValueKind.Boolean => "true or false",
            ValueKind.DateTime => "a date and time as " + (property.Constraints.DateTimeFormat ?? "yyyy-MM-ddTHH:mm:ss"),
            ValueKind.Enum when property.Type.IntegerEnum => "an integer",
            _ => null,
        };
    }

    private static string Allowed(FormScope spec, string? enumName)
    {
        foreach (var model in spec.Enums)
        {
            if (model.Name == enumName)
            {
                var values = new List<string>();
                foreach (var member in model.Members)
                {
                    values.Add(member.WireValue);
                }

                return string.Join(", ", values);
            }
        }

        return enumName ?? string.Empty;
    }

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string Bool(bool value) => value ? "true" : "false";
}
