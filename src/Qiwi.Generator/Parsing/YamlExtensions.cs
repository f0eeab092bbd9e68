namespace Qiwi.Generator.Parsing;

/// <summary>Small typed reads of YAML values.</summary>
internal static class YamlExtensions
{
    public static string? GetString(this YamlMap map, string key) => StringOf(map[key]);

    /// <summary>
    /// A description or summary: null when absent or when it has nothing to show (only spaces, line breaks or
    /// control characters), so that the caller's fallback text is used and every generated member has docs.
    /// </summary>
    public static string? GetText(this YamlMap map, string key) => TextOf(map[key]);

    public static bool? GetBool(this YamlMap map, string key) => BoolOf(map[key]);

    public static int? GetInt(this YamlMap map, string key) => IntOf(map[key]);

    /// <summary>The text of a scalar that is not null (<see cref="GetString"/> of a value already looked up).</summary>
    public static string? StringOf(YamlNode? node) => node is YamlScalar scalar && !scalar.IsNull ? scalar.Value : null;

    /// <summary><see cref="GetText"/> of a value already looked up.</summary>
    public static string? TextOf(YamlNode? node)
    {
        if (StringOf(node) is not string text)
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

    /// <summary><see cref="GetBool"/> of a value already looked up.</summary>
    public static bool? BoolOf(YamlNode? node)
        => node is YamlScalar { Quoted: false } scalar
            ? scalar.Value switch { "true" or "True" or "TRUE" => true, "false" or "False" or "FALSE" => false, _ => null }
            : null;

    /// <summary><see cref="GetInt"/> of a value already looked up.</summary>
    public static int? IntOf(YamlNode? node)
        => node is YamlScalar scalar && int.TryParse(scalar.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static YamlMap? GetMap(this YamlMap map, string key) => map[key] as YamlMap;
}
