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
    public static string TypeOf(TypeRef type, bool nullable)
    {
        var name = type.Kind switch
        {
            ValueKind.String or ValueKind.OpenEnum => "string",
            ValueKind.Int32 => "int",
            ValueKind.Int64 => "long",
            ValueKind.Decimal => "decimal",
            ValueKind.Boolean => "bool",
            ValueKind.DateTime => "global::System.DateTimeOffset",
            _ => type.TypeName!,
        };
        return nullable ? name + "?" : name;
    }

    public static bool IsReferenceType(TypeRef type) => type.Kind is ValueKind.String or ValueKind.OpenEnum or ValueKind.Object;

    /// <summary>
    /// A regular string literal. Escapes quotes, backslashes, and every character C# treats as a line
    /// break (<c>\r</c>, <c>\n</c>, U+0085, U+2028, U+2029) or that is a control character or a lone
    /// surrogate, so a spec value can never end the literal's line.
    /// </summary>
    public static string Literal(string value) => NeedsEscaping(value) ? Escape(value) : "\"" + value + "\"";

    /// <summary>True when <see cref="Escape"/> would write some character of the value otherwise than as it is.</summary>
    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' || c < ' ' || (c >= '\u007f' && c <= '\u009f') || c is '\u2028' or '\u2029' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The literal written character by character (the simple path; <see cref="Literal"/> skips it for text that needs no escape).</summary>
    internal static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
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

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A UTF-8 literal for <c>Utf8JsonReader.ValueTextEquals</c>; a plain string literal (which it also takes)
    /// when the value has a lone surrogate, which has no UTF-8 form.
    /// </summary>
    public static string Utf8Literal(string value)
        => !NeedsEscaping(value) ? "\"" + value + "\"u8" : Text.HasLoneSurrogate(value) ? Escape(value) : Escape(value) + "u8";

    /// <summary>A decimal literal; the parser checked and normalized the text (QIWI0015 otherwise).</summary>
    public static string DecimalLiteral(string text) => text + "m";

    /// <summary>Expression that writes <paramref name="expression"/> (non-null) as its wire text.</summary>
    public static string ToWire(TypeRef type, Constraints constraints, string expression) => type.Kind switch
    {
        ValueKind.String or ValueKind.OpenEnum => expression,
        ValueKind.Int32 or ValueKind.Int64 => Runtime + ".QiwiFormat.Integer(" + expression + ")",
        ValueKind.Boolean => Runtime + ".QiwiFormat.Boolean(" + expression + ")",
        ValueKind.Decimal when constraints.DecimalScale is int scale =>
            Runtime + ".QiwiFormat.Decimal(" + expression + ", " + scale.ToString(CultureInfo.InvariantCulture) + ", " + Runtime + ".QiwiRounding." + constraints.Rounding + ")",
        ValueKind.Decimal => expression + ".ToString(" + Invariant + ")",
        ValueKind.DateTime => Runtime + ".QiwiFormat.DateTime(" + expression + ", " + Offset(constraints) + ", " + Literal(constraints.DateTimeFormat ?? "yyyy-MM-ddTHH:mm:ss") + ")",
        ValueKind.Enum when type.IntegerEnum => Runtime + ".QiwiFormat.Integer(" + expression + ".ToWireValue())",
        ValueKind.Enum => expression + ".ToWireValue()",
        _ => expression + ".ToString()",
    };

    /// <summary>
    /// A generated type named in an expression, qualified (<c>global::Ns.Bill</c>): in a record with a
    /// property named like another generated type, the bare name would bind to the property.
    /// </summary>
    public static string Qualified(string ns, string typeName) => "global::" + ns + "." + typeName;

    /// <summary>Expression that reads wire text <paramref name="text"/> into the type (generated types qualified with <paramref name="ns"/>).</summary>
    public static string FromWire(TypeRef type, Constraints constraints, string text, string ns) => type.Kind switch
    {
        ValueKind.String or ValueKind.OpenEnum => text,
        ValueKind.Int32 => Runtime + ".Serialization.QiwiXml.ParseInt32(" + text + ")",
        ValueKind.Int64 => Runtime + ".Serialization.QiwiXml.ParseInt64(" + text + ")",
        ValueKind.Boolean => Runtime + ".Serialization.QiwiXml.ParseBoolean(" + text + ")",
        ValueKind.Decimal => Runtime + ".Serialization.QiwiXml.ParseDecimal(" + text + ")",
        ValueKind.DateTime => Runtime + ".QiwiFormat.ParseDateTime(" + text + ", " + Offset(constraints) + ", " + Literal(constraints.DateTimeFormat ?? "yyyy-MM-ddTHH:mm:ss") + ")",
        ValueKind.Enum when type.IntegerEnum => "(" + type.TypeName + ")" + Runtime + ".Serialization.QiwiXml.ParseInt32(" + text + ")",
        ValueKind.Enum => Qualified(ns, type.HelperName!) + ".FromWireValue(" + text + ")",
        _ => text,
    };

    public static string Offset(Constraints constraints)
        => "global::System.TimeSpan.FromMinutes(" + (constraints.OffsetMinutes ?? 0).ToString(CultureInfo.InvariantCulture) + ")";
}
