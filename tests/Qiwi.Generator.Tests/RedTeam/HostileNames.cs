using System.Globalization;
using System.Text;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Names chosen to break generated C#: keywords and contextual keywords, names of types the generated code uses,
/// members of object and of records, digits, separators, case twins, Unicode letters, combining, zero-width and
/// bidi marks, non-BMP letters, text that ends a comment, an XML doc or a literal; and seeded compositions of them.
/// </summary>
internal static class HostileNames
{
    public static readonly string[] Table =
    {
        "class", "event", "operator", "object", "string", "params", "default", "value", "var", "async", "await", "record", "required", "field", "scoped", "nameof",
        "this", "base", "global", "_", "__arglist", "dynamic", "get", "set", "init", "file",
        "String", "Task", "CancellationToken", "HttpClient", "JsonSerializer", "Uri", "Decimal", "System", "Qiwi", "Demo", "Mini", "MiniClient", "Item", "Object",
        "Exception", "Regex", "Int32", "Nullable", "Global", "Math", "Encoding", "List", "Dictionary", "Utf8JsonReader", "XElement", "QiwiEnvelope", "FormatException",
        "Code", "ItemResult", "DateTimeOffset", "CultureInfo", "Span", "IsKnown", "Unknown", "ToWireValue", "TryParse", "FromWireValue",
        "ToString", "Equals", "GetHashCode", "Dispose", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize", "Deconstruct", "Clone", "PrintMembers",
        "EqualityContract", "Size", "ItemId", "item_id", "itemId", "Options", "Redirects", "reader", "writer", "_additional",
        "1", "-", "", " ", "a b", "A", "a", "\u00e9", "\u00dcn\u00efc\u00f6d\u00e9", "\U0001D49C", "a\u200bb", "\u200f", "a\u0301", "\u01c5x", "\u00df", "\u0131", "\u0130", "\u0660",
        "*/", "<", "&", "\"", "\\", "'", "{", "}", "{{", "}}", "a\rb", "a\nb", "\u2028", "a\0b", "#endregion", "\"\"\"", "</summary>", "<![CDATA[", "--", "$", "@",
        "@class", "a.b", "a/b", "~1", "%20", "x{y}", "$\"{x}\"", "\t", new string('a', 600), "A" + new string('b', 1100),
    };

    private static readonly string[] Separators = { string.Empty, "_", "-", ".", " ", "/" };

    /// <summary><paramref name="count"/> names from <paramref name="seed"/>: half taken from the table, half composed of two or three of its entries.</summary>
    public static IReadOnlyList<string> Seeded(int seed, int count)
    {
        var random = new Random(seed);
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            names.Add(i % 2 == 0 ? Table[random.Next(Table.Length)] : Composed(random));
        }

        return names;
    }

    private static string Composed(Random random)
    {
        var builder = new StringBuilder();
        var parts = random.Next(2, 4);
        for (var i = 0; i < parts; i++)
        {
            var part = Table[random.Next(Table.Length)];
            part = part.Length > 40 ? part.Substring(0, 40) : part;
            builder.Append(i == 0 ? string.Empty : Separators[random.Next(Separators.Length)])
                .Append(random.Next(3) == 0 ? part.ToUpperInvariant() : part);
        }

        return builder.ToString();
    }

    /// <summary>A YAML double-quoted scalar holding exactly <paramref name="text"/> (every character outside printable ASCII escaped).</summary>
    public static string Yaml(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < 0x20 || c > 0x7e)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The JSON pointer segment of a name (<c>~</c> and <c>/</c> escaped), for a <c>$ref</c>.</summary>
    public static string Pointer(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
