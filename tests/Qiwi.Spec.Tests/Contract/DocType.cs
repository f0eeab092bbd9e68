using System.Globalization;
using System.Text.RegularExpressions;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>What a docs table's <c>Type</c> column says of a value: <c>String(20)</c>, <c>Integer</c>, <c>Number(6.2)</c>, <c>Object</c>, <c>Boolean</c>.</summary>
/// <param name="Kind">The JSON Schema type the spec must give it (<c>string</c>, <c>integer</c>, <c>number</c>, <c>object</c>, <c>boolean</c>).</param>
/// <param name="MaxLength">For <c>String(N)</c>, N.</param>
/// <param name="Scale">For <c>Number(P.S)</c>, S: the places the spec's <c>x-qiwi-decimal</c> keeps.</param>
internal sealed partial record DocType(string Kind, int? MaxLength, int? Scale)
{
    /// <summary>The type a <c>Type</c> cell names, or null for a cell that names none (<c>-</c>, empty).</summary>
    public static DocType? Parse(string? cell)
    {
        var text = (cell ?? string.Empty).Trim();
        if (Sized().Match(text) is { Success: true } sized)
        {
            var size = int.Parse(sized.Groups["size"].Value, CultureInfo.InvariantCulture);
            return sized.Groups["kind"].Value.Equals("String", StringComparison.OrdinalIgnoreCase)
                ? new DocType("string", size, null)
                : new DocType("number", null, sized.Groups["scale"].Success ? int.Parse(sized.Groups["scale"].Value, CultureInfo.InvariantCulture) : 0);
        }

        // "String (predefined)", "URL-encoded string", "dateTime" and "YYYY-MM-DDTHHMM" are texts on the wire.
        return text switch
        {
            _ when text.StartsWith("String", StringComparison.OrdinalIgnoreCase) || text.EndsWith("string", StringComparison.OrdinalIgnoreCase) => new DocType("string", null, null),
            _ when text.Equals("dateTime", StringComparison.OrdinalIgnoreCase) || text.StartsWith("YYYY", StringComparison.Ordinal) => new DocType("string", null, null),
            _ when text.StartsWith("Integer", StringComparison.OrdinalIgnoreCase) => new DocType("integer", null, null),
            _ when text.StartsWith("Boolean", StringComparison.OrdinalIgnoreCase) => new DocType("boolean", null, null),
            _ when text.StartsWith("Object", StringComparison.OrdinalIgnoreCase) => new DocType("object", null, null),
            _ when text.StartsWith("Number", StringComparison.OrdinalIgnoreCase) => new DocType("number", null, null),
            _ => null,
        };
    }

    /// <summary>A <c>Required</c> cell: <c>Y</c> and <c>+</c> are required, <c>N</c> and <c>-</c> are not; anything else says nothing.</summary>
    public static bool? Required(string? cell) => (cell ?? string.Empty).Trim() switch
    {
        "Y" or "+" => true,
        "N" or "-" => false,
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        "string" when MaxLength is { } n => $"String({n})",
        "number" when Scale is { } s => $"a number of {s} places",
        _ => Kind,
    };

    [GeneratedRegex(@"^(?<kind>String|Number)\s*\(\s*(?<size>[0-9]+)(\.(?<scale>[0-9]+))?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Sized();
}
