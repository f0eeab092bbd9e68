using System.Collections.Generic;
using System.Globalization;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>
/// Method parameters, their order, XML docs and guard clauses; shared by the client methods
/// and the redirect builders so both validate the same way.
/// </summary>
internal sealed class ParameterCode
{
    private readonly PatternTable _patterns;

    public ParameterCode(PatternTable patterns) => _patterns = patterns;

    /// <summary>True for a string path parameter: the path checks check it, and the pattern table names its pattern in their place.</summary>
    public static bool IsPathChecked(ParameterModel parameter)
        => parameter.Location == ParameterLocation.Path && parameter.Type.Kind == ValueKind.String;

    /// <summary>Required parameters first (spec order), then optional ones; constants and client-level parameters are not parameters.</summary>
    public static List<ParameterModel> Ordered(IEnumerable<ParameterModel> parameters, System.Func<ParameterModel, bool>? forceRequired = null)
    {
        var required = new List<ParameterModel>();
        var optional = new List<ParameterModel>();
        foreach (var parameter in parameters)
        {
            if (parameter.IsConstant || parameter.ClientLevel)
            {
                continue;
            }

            var isRequired = parameter.Required || (forceRequired?.Invoke(parameter) ?? false);
            (isRequired && !parameter.IsFlag ? required : optional).Add(isRequired && !parameter.IsFlag ? parameter with { Required = true } : parameter);
        }

        required.AddRange(optional);
        return required;
    }

    public static string Name(ParameterModel parameter) => parameter.ParameterName;

    /// <summary>The expression holding the parameter's value in a client method: the argument, or the client's field for a client-level one.</summary>
    public static string Value(ParameterModel parameter) => parameter.ClientField ?? parameter.ParameterName;

    public static string Declaration(ParameterModel parameter)
    {
        if (parameter.IsFlag)
        {
            return "bool " + Name(parameter) + " = false";
        }

        return parameter.Required
            ? CSharp.TypeOf(parameter.Type, nullable: false) + " " + Name(parameter)
            : CSharp.TypeOf(parameter.Type, nullable: true) + " " + Name(parameter) + " = null";
    }

    public static void Docs(CodeWriter writer, IEnumerable<ParameterModel> parameters)
    {
        foreach (var parameter in parameters)
        {
            var description = parameter.Description ?? parameter.WireName;
            if (parameter.IsFlag)
            {
                description += "\nWhen true, sends `" + parameter.WireName + "=" + parameter.ConstantValue + "`.";
            }

            XmlDoc.Param(writer, Name(parameter), description + "\n(`" + parameter.WireName + "`" + Rules(parameter) + ")");
        }
    }

    /// <summary>Checks a parameter before anything is sent; <paramref name="timeProvider"/> is the clock expression.</summary>
    public void Guards(CodeWriter writer, ParameterModel parameter, string owner, string timeProvider)
    {
        if (parameter.IsFlag)
        {
            return;
        }

        var name = Name(parameter);
        var nameOf = "nameof(" + name + ")";
        var value = parameter.Required || CSharp.IsReferenceType(parameter.Type) ? name : name + ".Value";
        var checks = new List<string>();
        var c = parameter.Constraints;
        var guard = CSharp.Runtime + ".QiwiGuard.";
        switch (parameter.Type.Kind)
        {
            case ValueKind.String:
            case ValueKind.OpenEnum:
                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    checks.Add(guard + "Length(" + value + ", " + nameOf + ", " + Int(c.MinLength) + ", " + Int(c.MaxLength) + ");");
                }

                if (c.Pattern is not null)
                {
                    checks.Add(guard + "Pattern(" + value + ", " + nameOf + ", " + _patterns.Field(c.Pattern, owner + parameter.Name) + ", " + CSharp.Literal(c.Pattern) + ");");
                }

                break;
            case ValueKind.Decimal:
                var rounded = c.DecimalScale is int scale
                    ? CSharp.Runtime + ".QiwiFormat.Round(" + value + ", " + scale.ToString(CultureInfo.InvariantCulture) + ", " + CSharp.Runtime + ".QiwiRounding." + c.Rounding + ")"
                    : value;
                if (c.Minimum is not null)
                {
                    checks.Add(guard + "Minimum(" + rounded + ", " + nameOf + ", " + CSharp.DecimalLiteral(c.Minimum) + ", " + Bool(c.ExclusiveMinimum) + ");");
                }

                if (c.Maximum is not null)
                {
                    checks.Add(guard + "Maximum(" + rounded + ", " + nameOf + ", " + CSharp.DecimalLiteral(c.Maximum) + ", " + Bool(c.ExclusiveMaximum) + ");");
                }

                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
                if (c.Minimum is not null && long.TryParse(c.Minimum, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    checks.Add(guard + "Minimum(" + (parameter.Type.Kind == ValueKind.Int32 ? "(long)" : string.Empty) + value + ", " + nameOf + ", " + c.Minimum + "L, " + Bool(c.ExclusiveMinimum) + ");");
                }

                break;
            case ValueKind.DateTime:
                if (c.MaxDaysAhead is not null || !c.AllowPast)
                {
                    checks.Add(guard + "DateTimeWindow(" + value + ", " + nameOf + ", " + timeProvider + ", " + Int(c.MaxDaysAhead) + ", " + Bool(c.AllowPast) + ");");
                }

                break;
            case ValueKind.Enum:
                checks.Add("if (!" + value + ".IsDefined())");
                checks.Add("{");
                checks.Add("    throw new global::System.ArgumentOutOfRangeException(" + nameOf + ", " + value + ", " + CSharp.Literal(name + " must be a value of " + parameter.Type.TypeName + " that the spec lists.") + ");");
                checks.Add("}");
                break;
        }

        if (parameter.Required && CSharp.IsReferenceType(parameter.Type))
        {
            writer.Line(guard + "NotNull(" + name + ", " + nameOf + ");");
        }

        if (checks.Count == 0)
        {
            return;
        }

        if (!parameter.Required)
        {
            writer.Open("if (" + name + " is not null)");
        }

        foreach (var check in checks)
        {
            writer.Line(check);
        }

        if (!parameter.Required)
        {
            writer.Close();
        }
    }

    /// <summary>Calls <paramref name="add"/> with the wire text of the parameter, skipping absent optional ones.</summary>
    public static void Send(CodeWriter writer, ParameterModel parameter, System.Func<string, string, string> add)
    {
        if (parameter.IsConstant)
        {
            writer.Line(add(CSharp.Literal(parameter.WireName), CSharp.Literal(parameter.ConstantValue!)));
            return;
        }

        var name = Name(parameter);
        if (parameter.IsFlag)
        {
            writer.Open("if (" + name + ")");
            writer.Line(add(CSharp.Literal(parameter.WireName), CSharp.Literal(parameter.ConstantValue!)));
            writer.Close();
            return;
        }

        var value = parameter.Required || CSharp.IsReferenceType(parameter.Type) ? name : name + ".Value";
        var line = add(CSharp.Literal(parameter.WireName), CSharp.ToWire(parameter.Type, parameter.Constraints, value));
        if (parameter.Required)
        {
            writer.Line(line);
        }
        else
        {
            writer.Open("if (" + name + " is not null)");
            writer.Line(line);
            writer.Close();
        }
    }

    private static string Rules(ParameterModel parameter)
    {
        var c = parameter.Constraints;
        var rules = new List<string>();
        if (c.MinLength is not null && c.MaxLength is not null)
        {
            rules.Add(c.MinLength + " to " + c.MaxLength + " characters");
        }
        else if (c.MaxLength is not null)
        {
            rules.Add("at most " + c.MaxLength + " characters");
        }
        else if (c.MinLength is not null)
        {
            rules.Add("at least " + c.MinLength + " characters");
        }

        if (c.Pattern is not null)
        {
            rules.Add("matches `" + c.Pattern + "`");
        }

        if (c.Minimum is not null)
        {
            rules.Add((c.ExclusiveMinimum ? "greater than " : "at least ") + c.Minimum);
        }

        if (c.Maximum is not null)
        {
            rules.Add((c.ExclusiveMaximum ? "less than " : "at most ") + c.Maximum);
        }

        if (c.DecimalScale is int scale)
        {
            rules.Add((c.Rounding == Rounding.Nearest ? "rounded to " : "rounded down to ") + scale + " decimal places");
        }

        if (c.DateTimeFormat is not null)
        {
            var offset = c.OffsetMinutes ?? 0;
            rules.Add("sent as `" + c.DateTimeFormat + "` at UTC" + (offset < 0 ? "-" : "+") + (System.Math.Abs(offset) / 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (System.Math.Abs(offset) % 60).ToString("00", CultureInfo.InvariantCulture));
        }

        if (c.MaxDaysAhead is not null)
        {
            rules.Add("at most " + c.MaxDaysAhead + " days ahead");
        }

        if (!c.AllowPast)
        {
            rules.Add("not in the past");
        }

        return rules.Count == 0 ? string.Empty : ": " + string.Join("; ", rules);
    }

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string Bool(bool value) => value ? "true" : "false";
}
