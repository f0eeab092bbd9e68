using System.Globalization;
using Qiwi.Generator.Emit;
using Qiwi.Generator.Model;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// CSharp's type and wire-conversion spellings as they were before they appended into the file (issue 16): one
/// concatenation per expression, kept as the simple reference the appending helpers are compared against.
/// </summary>
internal static class ReferenceCSharp
{
    private const string Runtime = CSharp.Runtime;

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

    public static string ToWire(TypeRef type, Constraints constraints, string expression) => type.Kind switch
    {
        ValueKind.String or ValueKind.OpenEnum => expression,
        ValueKind.Int32 or ValueKind.Int64 => Runtime + ".QiwiFormat.Integer(" + expression + ")",
        ValueKind.Boolean => Runtime + ".QiwiFormat.Boolean(" + expression + ")",
        ValueKind.Decimal when constraints.DecimalScale is int scale =>
            Runtime + ".QiwiFormat.Decimal(" + expression + ", " + scale.ToString(CultureInfo.InvariantCulture) + ", " + Runtime + ".QiwiRounding." + constraints.Rounding + ")",
        ValueKind.Decimal => expression + ".ToString(" + CSharp.Invariant + ")",
        ValueKind.DateTime => Runtime + ".QiwiFormat.DateTime(" + expression + ", " + Offset(constraints) + ", " + CSharp.Literal(constraints.DateTimeFormat ?? "yyyy-MM-ddTHH:mm:ss") + ")",
        ValueKind.Enum when type.IntegerEnum => Runtime + ".QiwiFormat.Integer(" + expression + ".ToWireValue())",
        ValueKind.Enum => expression + ".ToWireValue()",
        _ => expression + ".ToString()",
    };

    public static string FromWire(TypeRef type, Constraints constraints, string text, string ns) => type.Kind switch
    {
        ValueKind.String or ValueKind.OpenEnum => text,
        ValueKind.Int32 => Runtime + ".Serialization.QiwiXml.ParseInt32(" + text + ")",
        ValueKind.Int64 => Runtime + ".Serialization.QiwiXml.ParseInt64(" + text + ")",
        ValueKind.Boolean => Runtime + ".Serialization.QiwiXml.ParseBoolean(" + text + ")",
        ValueKind.Decimal => Runtime + ".Serialization.QiwiXml.ParseDecimal(" + text + ")",
        ValueKind.DateTime => Runtime + ".QiwiFormat.ParseDateTime(" + text + ", " + Offset(constraints) + ", " + CSharp.Literal(constraints.DateTimeFormat ?? "yyyy-MM-ddTHH:mm:ss") + ")",
        ValueKind.Enum when type.IntegerEnum => "(" + type.TypeName + ")" + Runtime + ".Serialization.QiwiXml.ParseInt32(" + text + ")",
        ValueKind.Enum => "global::" + ns + "." + type.HelperName! + ".FromWireValue(" + text + ")",
        _ => text,
    };

    /// <summary>An optional number's literal, as ParameterCode and FormReaderEmitter spelled it (their <c>Int</c>).</summary>
    public static string IntLiteral(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string Offset(Constraints constraints)
        => "global::System.TimeSpan.FromMinutes(" + (constraints.OffsetMinutes ?? 0).ToString(CultureInfo.InvariantCulture) + ")";
}
