using System.Collections.Generic;
using System.Globalization;
using System.Text;
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
    public static List<ParameterModel> Ordered(EquatableArray<ParameterModel> parameters) => Ordered(parameters, default(AsDeclared));

    /// <summary>
    /// The parameters of <see cref="Ordered(EquatableArray{ParameterModel})"/> in its order, read from the array as they
    /// are enumerated (no list): for a loop over them.
    /// </summary>
    public static InOrderParameters InOrder(EquatableArray<ParameterModel> parameters) => new(parameters.AsArray());

    /// <summary>
    /// <see cref="Ordered(EquatableArray{ParameterModel})"/> of the parameters <paramref name="rule"/> sends, a parameter it
    /// forces taken as required. One list, filled in two passes over the parameters (a struct list and rule without boxing).
    /// </summary>
    public static List<ParameterModel> Ordered<TList, TRule>(TList parameters, TRule rule)
        where TList : IReadOnlyList<ParameterModel>
        where TRule : struct, IOrderRule
    {
        var ordered = new List<ParameterModel>(parameters.Count);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (!rule.Sends(parameter) || !IsListed(parameter))
                {
                    continue;
                }

                var first = IsFirst(parameter, rule.ForcesRequired(parameter));
                if (first != (pass == 0))
                {
                    continue;
                }

                ordered.Add(first && !parameter.Required ? parameter with { Required = true } : parameter);
            }
        }

        return ordered;
    }

    /// <summary>Which parameters a method sends, and which of them it takes as required though the spec does not.</summary>
    internal interface IOrderRule
    {
        bool Sends(ParameterModel parameter);

        bool ForcesRequired(ParameterModel parameter);
    }

    /// <summary>Every parameter, as the spec declares it.</summary>
    private readonly struct AsDeclared : IOrderRule
    {
        public bool Sends(ParameterModel parameter) => true;

        public bool ForcesRequired(ParameterModel parameter) => false;
    }

    /// <summary><see cref="InOrder"/>: a struct enumerable and its own enumerator (two passes over the array).</summary>
    internal struct InOrderParameters
    {
        private readonly ParameterModel[] _items;
        private int _index;
        private bool _second;

        public InOrderParameters(ParameterModel[] items)
        {
            _items = items;
            _index = -1;
            _second = false;
            Current = null!;
        }

        public ParameterModel Current { get; private set; }

        public readonly InOrderParameters GetEnumerator() => this;

        public bool MoveNext()
        {
            while (true)
            {
                if (++_index >= _items.Length)
                {
                    if (_second)
                    {
                        return false;
                    }

                    _second = true;
                    _index = -1;
                    continue;
                }

                var parameter = _items[_index];
                if (IsListed(parameter) && IsFirst(parameter, forceRequired: false) != _second)
                {
                    Current = parameter;
                    return true;
                }
            }
        }
    }

    /// <summary>True for a parameter <see cref="Ordered(EquatableArray{ParameterModel})"/> lists (not a constant, not client-level).</summary>
    public static bool IsListed(ParameterModel parameter) => !parameter.IsConstant && !parameter.ClientLevel;

    /// <summary>True for a listed parameter <see cref="Ordered(EquatableArray{ParameterModel})"/> puts first: required (or taken as required), not a flag.</summary>
    public static bool IsFirst(ParameterModel parameter, bool forceRequired) => (parameter.Required || forceRequired) && !parameter.IsFlag;

    public static string Name(ParameterModel parameter) => parameter.ParameterName;

    /// <summary>The expression holding the parameter's value in a client method: the argument, or the client's field for a client-level one.</summary>
    public static string Value(ParameterModel parameter) => parameter.ClientField ?? parameter.ParameterName;

    /// <summary>Appends the parameter's declaration in a method's parameter list.</summary>
    public static StringBuilder AppendDeclaration(StringBuilder builder, ParameterModel parameter)
    {
        if (parameter.IsFlag)
        {
            return builder.Append("bool ").Append(Name(parameter)).Append(" = false");
        }

        builder.AppendType(parameter.Type, nullable: !parameter.Required).Append(' ').Append(Name(parameter));
        return parameter.Required ? builder : builder.Append(" = null");
    }

    /// <summary>Appends the declarations of <paramref name="parameters"/>, each after a ", " (the first when <paramref name="first"/> is false).</summary>
    public static StringBuilder AppendDeclarations(StringBuilder builder, List<ParameterModel> parameters, bool first = true)
    {
        foreach (var parameter in parameters)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            AppendDeclaration(builder, parameter);
        }

        return builder;
    }

    public static void Docs(CodeWriter writer, List<ParameterModel> parameters)
    {
        foreach (var parameter in parameters)
        {
            Doc(writer, parameter);
        }
    }

    /// <summary>
    /// <see cref="Docs(CodeWriter, List{ParameterModel})"/>, each parameter's lines kept in <paramref name="kept"/> as a
    /// range of the writer's text, for <see cref="DocsAgain"/> to copy instead of rendering them a second time.
    /// </summary>
    public static void Docs(CodeWriter writer, List<ParameterModel> parameters, List<DocLines> kept)
    {
        foreach (var parameter in parameters)
        {
            var start = writer.Mark();
            Doc(writer, parameter);
            kept.Add(new DocLines(parameter, start.Length, writer.Mark().Length - start.Length, start.Indent));
        }
    }

    /// <summary>
    /// The docs of <paramref name="parameters"/> as <see cref="Docs(CodeWriter, List{ParameterModel})"/> writes them, each
    /// copied from the lines <paramref name="kept"/> holds for a parameter with the same docs written at this depth, and
    /// rendered when there is none.
    /// </summary>
    public static void DocsAgain(CodeWriter writer, List<ParameterModel> parameters, List<DocLines> kept)
    {
        var depth = writer.Mark().Indent;
        foreach (var parameter in parameters)
        {
            var copied = false;
            foreach (var lines in kept)
            {
                if (lines.Indent == depth && SameDocs(lines.Parameter, parameter))
                {
                    writer.Repeat(lines.Start, lines.Length);
                    copied = true;
                    break;
                }
            }

            if (!copied)
            {
                Doc(writer, parameter);
            }
        }
    }

    /// <summary>True when the two parameters' docs are the same text: every field <see cref="Doc"/> reads is equal.</summary>
    internal static bool SameDocs(ParameterModel a, ParameterModel b)
        => ReferenceEquals(a, b)
        || (a.ParameterName == b.ParameterName && a.WireName == b.WireName && a.Description == b.Description
            && a.IsFlag == b.IsFlag && a.ConstantValue == b.ConstantValue && a.Constraints.Equals(b.Constraints));

    private static void Doc(CodeWriter writer, ParameterModel parameter)
    {
        var text = Scratch.Take().Append(parameter.Description ?? parameter.WireName);
        if (parameter.IsFlag)
        {
            text.Append("\nWhen true, sends `").Append(parameter.WireName).Append('=').Append(parameter.ConstantValue).Append("`.");
        }

        text.Append("\n(`").Append(parameter.WireName).Append('`');
        AppendRules(text, parameter.Constraints);
        XmlDoc.Param(writer, Name(parameter), text.Append(')'));
    }

    /// <summary>A parameter's doc lines in a writer's text: <see cref="CodeWriter.Repeat"/>'s range, and the depth they were written at.</summary>
    internal readonly record struct DocLines(ParameterModel Parameter, int Start, int Length, int Indent);

    /// <summary>Checks a parameter before anything is sent; <paramref name="timeProvider"/> is the clock expression.</summary>
    public void Guards(CodeWriter writer, ParameterModel parameter, string owner, string timeProvider)
    {
        if (parameter.IsFlag)
        {
            return;
        }

        var name = Name(parameter);
        if (parameter.Required && CSharp.IsReferenceType(parameter.Type))
        {
            writer.LineStart().Append(Guard + "NotNull(").Append(name).Append(", nameof(").Append(name).Append("));");
            writer.LineEnd();
        }

        // The checks of an optional value go in an 'if' that is taken back when there are none.
        var mark = writer.Mark();
        if (!parameter.Required)
        {
            writer.Open("if (", name, " is not null)");
        }

        if (!Checks(writer, parameter, owner, timeProvider))
        {
            writer.Rewind(mark);
        }
        else if (!parameter.Required)
        {
            writer.Close();
        }
    }

    private const string Guard = CSharp.Runtime + ".QiwiGuard.";

    /// <summary>Writes the guard statements of a value known to be present; false when its type and rules have none.</summary>
    private bool Checks(CodeWriter writer, ParameterModel parameter, string owner, string timeProvider)
    {
        var name = Name(parameter);
        var value = parameter.Required || CSharp.IsReferenceType(parameter.Type) ? string.Empty : ".Value";
        var c = parameter.Constraints;
        var any = false;
        switch (parameter.Type.Kind)
        {
            case ValueKind.String:
            case ValueKind.OpenEnum:
                if (c.MinLength is not null || c.MaxLength is not null)
                {
                    var line = Start(writer, "Length(", name, value).Append(", ");
                    line.AppendIntLiteral(c.MinLength).Append(", ").AppendIntLiteral(c.MaxLength).Append(");");
                    any = End(writer);
                }

                if (c.Pattern is not null)
                {
                    Start(writer, "Pattern(", name, value).Append(", ").AppendPatternField(_patterns, c.Pattern, owner, parameter.Name).Append(", ").AppendLiteral(c.Pattern).Append(");");
                    any = End(writer);
                }

                if (c.AbsoluteUri)
                {
                    Start(writer, "AbsoluteUri(", name, value).Append(");");
                    any = End(writer);
                }

                break;
            case ValueKind.Decimal:
                if (c.Minimum is not null)
                {
                    Bound(writer, "Minimum(", name, value, c, c.Minimum, c.ExclusiveMinimum);
                    any = true;
                }

                if (c.Maximum is not null)
                {
                    Bound(writer, "Maximum(", name, value, c, c.Maximum, c.ExclusiveMaximum);
                    any = true;
                }

                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
                if (c.Minimum is not null && long.TryParse(c.Minimum, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    var line = writer.LineStart().Append(Guard + "Minimum(");
                    if (parameter.Type.Kind == ValueKind.Int32)
                    {
                        line.Append("(long)");
                    }

                    line.Append(name).Append(value).Append(", nameof(").Append(name).Append("), ").Append(c.Minimum).Append("L, ").Append(CSharp.BoolLiteral(c.ExclusiveMinimum)).Append(");");
                    any = End(writer);
                }

                break;
            case ValueKind.DateTime:
                if (c.MaxDaysAhead is not null || !c.AllowPast)
                {
                    var line = Start(writer, "DateTimeWindow(", name, value).Append(", ").Append(timeProvider).Append(", ");
                    line.AppendIntLiteral(c.MaxDaysAhead).Append(", ").Append(CSharp.BoolLiteral(c.AllowPast)).Append(");");
                    any = End(writer);
                }

                break;
            case ValueKind.Enum:
                writer.Open("if (!", name, value, ".IsDefined())");
                writer.LineStart().Append("throw new global::System.ArgumentOutOfRangeException(nameof(").Append(name).Append("), ").Append(name).Append(value).Append(", ")
                    .AppendLiteral(name, " must be a value of ", parameter.Type.TypeName!, " that the spec lists.").Append(");");
                writer.LineEnd();
                writer.Close();
                any = true;
                break;
        }

        return any;
    }

    /// <summary>Starts <c>QiwiGuard.Method(value, nameof(name)</c>.</summary>
    private static StringBuilder Start(CodeWriter writer, string method, string name, string value)
        => writer.LineStart().Append(Guard).Append(method).Append(name).Append(value).Append(", nameof(").Append(name).Append(')');

    private static bool End(CodeWriter writer)
    {
        writer.LineEnd();
        return true;
    }

    /// <summary>A decimal bound, checked on the value rounded as it will be sent.</summary>
    private static void Bound(CodeWriter writer, string method, string name, string value, Constraints c, string bound, bool exclusive)
    {
        var line = writer.LineStart().Append(Guard).Append(method);
        if (c.DecimalScale is int scale)
        {
            line.Append(CSharp.Runtime + ".QiwiFormat.Round(").Append(name).Append(value).Append(", ").AppendInvariant(scale)
                .Append(", " + CSharp.Runtime + ".QiwiRounding.").Append(CSharp.RoundingName(c.Rounding)).Append(')');
        }
        else
        {
            line.Append(name).Append(value);
        }

        line.Append(", nameof(").Append(name).Append("), ").Append(bound).Append("m, ").Append(CSharp.BoolLiteral(exclusive)).Append(");");
        writer.LineEnd();
    }

    /// <summary>
    /// Writes <c>{call}"wire", value);</c> with the wire text of the parameter (<paramref name="call"/> is the call up to
    /// its first argument, e.g. <c>request.AddQuery(</c>), skipping absent optional ones.
    /// </summary>
    public static void Send(CodeWriter writer, ParameterModel parameter, string call)
    {
        var name = Name(parameter);
        if (parameter.IsFlag)
        {
            writer.Open("if (", name, ")");
        }
        else if (!parameter.IsConstant && !parameter.Required)
        {
            writer.Open("if (", name, " is not null)");
        }

        var line = writer.LineStart().Append(call).AppendLiteral(parameter.WireName).Append(", ");
        if (parameter.IsConstant || parameter.IsFlag)
        {
            line.AppendLiteral(parameter.ConstantValue!);
        }
        else
        {
            line.AppendToWire(parameter.Type, parameter.Constraints, name, parameter.Required || CSharp.IsReferenceType(parameter.Type) ? string.Empty : ".Value");
        }

        line.Append(");");
        writer.LineEnd();
        if (parameter.IsFlag || (!parameter.IsConstant && !parameter.Required))
        {
            writer.Close();
        }
    }

    /// <summary>Appends the parameter's rules for its docs (": rule; rule"), nothing when it has none.</summary>
    private static void AppendRules(StringBuilder builder, Constraints c)
    {
        var separator = ": ";
        if (c.MinLength is not null && c.MaxLength is not null)
        {
            Rule(builder, ref separator).Append(c.MinLength.Value).Append(" to ").Append(c.MaxLength.Value).Append(" characters");
        }
        else if (c.MaxLength is not null)
        {
            Rule(builder, ref separator).Append("at most ").Append(c.MaxLength.Value).Append(" characters");
        }
        else if (c.MinLength is not null)
        {
            Rule(builder, ref separator).Append("at least ").Append(c.MinLength.Value).Append(" characters");
        }

        if (c.Pattern is not null)
        {
            Rule(builder, ref separator).Append("matches `").Append(c.Pattern).Append('`');
        }

        if (c.AbsoluteUri)
        {
            Rule(builder, ref separator).Append("an absolute URI");
        }

        if (c.Minimum is not null)
        {
            Rule(builder, ref separator).Append(c.ExclusiveMinimum ? "greater than " : "at least ").Append(c.Minimum);
        }

        if (c.Maximum is not null)
        {
            Rule(builder, ref separator).Append(c.ExclusiveMaximum ? "less than " : "at most ").Append(c.Maximum);
        }

        if (c.DecimalScale is int scale)
        {
            Rule(builder, ref separator).Append(c.Rounding == Rounding.Nearest ? "rounded to " : "rounded down to ").Append(scale).Append(" decimal places");
        }

        if (c.DateTimeFormat is not null)
        {
            var offset = c.OffsetMinutes ?? 0;
            var hours = System.Math.Abs(offset) / 60;
            var minutes = System.Math.Abs(offset) % 60;
            Rule(builder, ref separator).Append("sent as `").Append(c.DateTimeFormat).Append("` at UTC").Append(offset < 0 ? '-' : '+')
                .Append(Two(hours)).Append(':').Append(Two(minutes));
        }

        if (c.MaxDaysAhead is not null)
        {
            Rule(builder, ref separator).Append("at most ").Append(c.MaxDaysAhead.Value).Append(" days ahead");
        }

        if (!c.AllowPast)
        {
            Rule(builder, ref separator).Append("not in the past");
        }
    }

    private static StringBuilder Rule(StringBuilder builder, ref string separator)
    {
        builder.Append(separator);
        separator = "; ";
        return builder;
    }

    /// <summary>At least two digits, as <c>ToString("00", InvariantCulture)</c>.</summary>
    private static string Two(int value) => value.ToString("00", CultureInfo.InvariantCulture);
}
