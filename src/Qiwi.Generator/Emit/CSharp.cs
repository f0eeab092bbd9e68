using System.Globalization;
using System.Text;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Emit;

/// <summary>C# spellings of model types and literals.</summary>
internal static class CSharp
{
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Qiwi.Generator\", \"0.1.0\")]";
    public const string Runtime = "global::Qiwi.Runtime";
    public const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    /// <summary>The C# type of a value, nullable when <paramref name="nullable"/>.</summary>
    public static string TypeOf(TypeRef type, bool nullable) => nullable ? Name(type) + "?" : Name(type);

    /// <summary>Appends the C# type of a value, nullable when <paramref name="nullable"/>.</summary>
    public static StringBuilder AppendType(this StringBuilder builder, TypeRef type, bool nullable)
    {
        builder.Append(Name(type));
        return nullable ? builder.Append('?') : builder;
    }

    private static string Name(TypeRef type) => type.Kind switch
    {
        ValueKind.String or ValueKind.OpenEnum => "string",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Decimal => "decimal",
        ValueKind.Boolean => "bool",
        ValueKind.DateTime => "global::System.DateTimeOffset",
        _ => type.TypeName!,
    };

    public static bool IsReferenceType(TypeRef type) => type.Kind is ValueKind.String or ValueKind.OpenEnum or ValueKind.Object;

    /// <summary>
    /// A regular string literal. Escapes quotes, backslashes, and every character C# treats as a line
    /// break (<c>\r</c>, <c>\n</c>, U+0085, U+2028, U+2029) or that is a control character or a lone
    /// surrogate, so a spec value can never end the literal's line.
    /// </summary>
    public static string Literal(string value) => new StringBuilder(value.Length + 2).AppendLiteral(value).ToString();

    /// <summary>Appends <see cref="Literal"/> of the value (the value itself between quotes when it needs no escape).</summary>
    public static StringBuilder AppendLiteral(this StringBuilder builder, string value)
        => NeedsEscaping(value) ? AppendEscaped(builder, value) : builder.Append('"').Append(value).Append('"');

    /// <summary>Appends <see cref="Literal"/> of the parts' concatenation, without making it when no part needs an escape.</summary>
    public static StringBuilder AppendLiteral(this StringBuilder builder, string a, string b, string c = "", string d = "")
        => NeedsEscaping(a) || NeedsEscaping(b) || NeedsEscaping(c) || NeedsEscaping(d)
            ? AppendEscaped(builder, a + b + c + d)
            : builder.Append('"').Append(a).Append(b).Append(c).Append(d).Append('"');

    /// <summary>
    /// Appends <see cref="Literal"/> of the members' wire values joined by ", ": the values themselves between quotes
    /// when none needs an escape (", " needs none), else the literal of the joined string.
    /// </summary>
    public static StringBuilder AppendJoinedLiteral(StringBuilder builder, EquatableArray<EnumWireValue> members)
    {
        foreach (var member in members)
        {
            if (NeedsEscaping(member.WireValue))
            {
                var values = new string[members.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = members[i].WireValue;
                }

                return builder.AppendLiteral(string.Join(", ", values));
            }
        }

        builder.Append('"');
        for (var i = 0; i < members.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(members[i].WireValue);
        }

        return builder.Append('"');
    }

    /// <summary>True when <see cref="Escape"/> would write some character of the value otherwise than as it is.</summary>
    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            // Printable ASCII, nearly all of a spec's values, is told by one comparison (then only its quote and backslash escape).
            if ((uint)(c - ' ') <= '~' - ' ')
            {
                if (c is '"' or '\\')
                {
                    return true;
                }

                continue;
            }

            if (c < ' ' || (c >= '\u007f' && c <= '\u009f') || c is '\u2028' or '\u2029' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The literal written character by character (the simple path; <see cref="Literal"/> skips it for text that needs no escape).</summary>
    internal static string Escape(string value) => AppendEscaped(new StringBuilder(value.Length + 2), value).ToString();

    private static StringBuilder AppendEscaped(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (Text.MustEscape(value, i))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"');
    }

    /// <summary>
    /// A UTF-8 literal for <c>Utf8JsonReader.ValueTextEquals</c>; a plain string literal (which it also takes)
    /// when the value has a lone surrogate, which has no UTF-8 form.
    /// </summary>
    public static string Utf8Literal(string value) => new StringBuilder(value.Length + 4).AppendUtf8Literal(value).ToString();

    /// <summary>Appends <see cref="Utf8Literal"/> of the value.</summary>
    public static StringBuilder AppendUtf8Literal(this StringBuilder builder, string value)
    {
        if (!NeedsEscaping(value))
        {
            return builder.Append('"').Append(value).Append("\"u8");
        }

        AppendEscaped(builder, value);
        return Text.HasLoneSurrogate(value) ? builder : builder.Append("u8");
    }

    /// <summary>Appends a number as C# writes it in any culture (digits, a '-' when negative).</summary>
    public static StringBuilder AppendInvariant(this StringBuilder builder, int value)
    {
        if (value < 0)
        {
            return builder.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        var power = 1;
        for (var rest = value; rest >= 10; rest /= 10)
        {
            power *= 10;
        }

        for (; power > 0; power /= 10)
        {
            builder.Append((char)('0' + value / power % 10));
        }

        return builder;
    }

    /// <summary>Expression that writes <paramref name="expression"/> (non-null) as its wire text.</summary>
    public static string ToWire(TypeRef type, Constraints constraints, string expression)
        => new StringBuilder().AppendToWire(type, constraints, expression).ToString();

    /// <summary>Appends the expression that writes <paramref name="expression"/> + <paramref name="suffix"/> (non-null) as its wire text.</summary>
    public static StringBuilder AppendToWire(this StringBuilder builder, TypeRef type, Constraints constraints, string expression, string suffix = "")
    {
        switch (type.Kind)
        {
            case ValueKind.String or ValueKind.OpenEnum:
                return builder.Append(expression).Append(suffix);
            case ValueKind.Int32 or ValueKind.Int64:
                return builder.Append(Runtime + ".QiwiFormat.Integer(").Append(expression).Append(suffix).Append(')');
            case ValueKind.Boolean:
                return builder.Append(Runtime + ".QiwiFormat.Boolean(").Append(expression).Append(suffix).Append(')');
            case ValueKind.Decimal when constraints.DecimalScale is int scale:
                return builder.Append(Runtime + ".QiwiFormat.Decimal(").Append(expression).Append(suffix).Append(", ").AppendInvariant(scale)
                    .Append(", " + Runtime + ".QiwiRounding.").Append(RoundingName(constraints.Rounding)).Append(')');
            case ValueKind.Decimal:
                return builder.Append(expression).Append(suffix).Append(".ToString(" + Invariant + ")");
            case ValueKind.DateTime:
                builder.Append(Runtime + ".QiwiFormat.DateTime(").Append(expression).Append(suffix).Append(", ").AppendOffset(constraints).Append(", ");
                return builder.AppendLiteral(constraints.DateTimeFormat ?? DefaultDateTimeFormat).Append(')');
            case ValueKind.Enum when type.IntegerEnum:
                return builder.Append(Runtime + ".QiwiFormat.Integer(").Append(expression).Append(suffix).Append(".ToWireValue())");
            case ValueKind.Enum:
                return builder.Append(expression).Append(suffix).Append(".ToWireValue()");
            default:
                return builder.Append(expression).Append(suffix).Append(".ToString()");
        }
    }

    private const string DefaultDateTimeFormat = "yyyy-MM-ddTHH:mm:ss";

    /// <summary>Appends an optional number as a C# literal: its invariant digits, or <c>null</c>.</summary>
    public static StringBuilder AppendIntLiteral(this StringBuilder builder, int? value)
        => value is int number ? builder.AppendInvariant(number) : builder.Append("null");

    /// <summary>The C# literal of a bool.</summary>
    public static string BoolLiteral(bool value) => value ? "true" : "false";

    /// <summary>The member name of a rounding (as <c>Enum.ToString</c> writes it, without its cost).</summary>
    public static string RoundingName(Rounding rounding) => rounding switch
    {
        Rounding.Nearest => nameof(Rounding.Nearest),
        Rounding.Down => nameof(Rounding.Down),
        _ => rounding.ToString(),
    };

    /// <summary>
    /// A generated type named in an expression, qualified (<c>global::Ns.Bill</c>): in a record with a
    /// property named like another generated type, the bare name would bind to the property.
    /// </summary>
    public static StringBuilder AppendQualified(this StringBuilder builder, string ns, string typeName)
        => builder.Append("global::").Append(ns).Append('.').Append(typeName);

    /// <summary>
    /// A model's name as written inside a generated type whose own members are <paramref name="members"/>: there a simple
    /// name equal to a member binds to that member (CS0119, CS1061) rather than to the model, so such a model is named with
    /// its namespace (<c>global::Ns.Parse</c>); any other keeps its simple name.
    /// </summary>
    public static string Unhidden(string ns, string typeName, string[] members)
        => System.Array.IndexOf(members, typeName) < 0 ? typeName : "global::" + ns + "." + typeName;

    /// <summary>Expression that reads wire text <paramref name="text"/> into the type (generated types qualified with <paramref name="ns"/>).</summary>
    public static string FromWire(TypeRef type, Constraints constraints, string text, string ns)
        => new StringBuilder().AppendFromWire(type, constraints, text, ns).ToString();

    /// <summary>Appends <see cref="FromWire"/>.</summary>
    public static StringBuilder AppendFromWire(this StringBuilder builder, TypeRef type, Constraints constraints, string text, string ns)
    {
        switch (type.Kind)
        {
            case ValueKind.Int32:
                return builder.Append(Runtime + ".Serialization.QiwiXml.ParseInt32(").Append(text).Append(')');
            case ValueKind.Int64:
                return builder.Append(Runtime + ".Serialization.QiwiXml.ParseInt64(").Append(text).Append(')');
            case ValueKind.Boolean:
                return builder.Append(Runtime + ".Serialization.QiwiXml.ParseBoolean(").Append(text).Append(')');
            case ValueKind.Decimal:
                return builder.Append(Runtime + ".Serialization.QiwiXml.ParseDecimal(").Append(text).Append(')');
            case ValueKind.DateTime:
                builder.Append(Runtime + ".QiwiFormat.ParseDateTime(").Append(text).Append(", ").AppendOffset(constraints).Append(", ");
                return builder.AppendLiteral(constraints.DateTimeFormat ?? DefaultDateTimeFormat).Append(')');
            case ValueKind.Enum when type.IntegerEnum:
                return builder.Append('(').Append(type.TypeName).Append(")" + Runtime + ".Serialization.QiwiXml.ParseInt32(").Append(text).Append(')');
            case ValueKind.Enum:
                return builder.AppendQualified(ns, type.HelperName!).Append(".FromWireValue(").Append(text).Append(')');
            default:
                return builder.Append(text);
        }
    }

    public static StringBuilder AppendOffset(this StringBuilder builder, Constraints constraints)
        => builder.Append("global::System.TimeSpan.FromMinutes(").AppendInvariant(constraints.OffsetMinutes ?? 0).Append(')');
}
