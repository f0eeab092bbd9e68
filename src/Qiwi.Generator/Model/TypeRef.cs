namespace Qiwi.Generator.Model;

/// <summary>
/// The type of a property or parameter. <see cref="TypeName"/> names the generated enum or model
/// for <see cref="ValueKind.Enum"/>, <see cref="ValueKind.OpenEnum"/> and <see cref="ValueKind.Object"/>;
/// <see cref="IntegerEnum"/> tells an integer enum from a string one; <see cref="WireString"/> says a
/// decimal travels as a JSON string (<c>"10.00"</c>) rather than a number; <see cref="HelperName"/> names
/// the static class of a closed enum's helpers (<c>FromWireValue</c>).
/// </summary>
internal sealed record TypeRef(ValueKind Kind, string? TypeName = null, bool IntegerEnum = false, bool WireString = false, string? HelperName = null)
{
    public static readonly TypeRef String = new(ValueKind.String);
}
