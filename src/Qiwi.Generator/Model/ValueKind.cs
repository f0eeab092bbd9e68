namespace Qiwi.Generator.Model;

/// <summary>The C# shape a schema maps to.</summary>
internal enum ValueKind
{
    String,
    Int32,
    Int64,
    Decimal,
    Boolean,
    DateTime,
    Enum,
    OpenEnum,
    Object,
}
