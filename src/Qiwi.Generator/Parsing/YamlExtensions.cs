namespace Qiwi.Generator.Parsing;

/// <summary>Small typed reads of YAML values.</summary>
internal static class YamlExtensions
{
    public static string? GetString(this YamlMap map, string key)
        => map[key] is YamlScalar scalar && !scalar.IsNull ? scalar.Value : null;

    /// <summary>
    /// A description or summary: null when absent or when it has nothing to show (only spaces, line breaks or
    /// control characters), so that the caller's fallback text is used and every generated member has docs.
    /// </summary>
    public static string? GetText(this YamlMap map, string key)
    {
        if (map.GetString(key) is not string text)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                return text;
            }
        }

        return null;
    }

    public static bool? GetBool(this YamlMap map, string key)
        => map[key] is YamlScalar { Quoted: false } scalar
            ? scalar.Value switch { "true" or "True" or "TRUE" => true, "false" or "False" or "FALSE" => false, _ => null }
            : null;

    public static int? GetInt(this YamlMap map, string key)
        => map[key] is YamlScalar scalar && int.TryParse(scalar.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static YamlMap? GetMap(this YamlMap map, string key) => map[key] as YamlMap;
}
