namespace Qiwi.Generator.Parsing;

/// <summary>
/// The values of the keys <see cref="SchemaReader.Resolve"/> looks at in one schema map, gathered in one pass over its
/// entries: resolving a schema asks for about twenty keys, and a lookup each compares the key with every entry of a
/// small map. A key the map lacks is null; a map's keys are unique (the loader drops a repeated one), and the first
/// one counts here as it does for <see cref="YamlMap"/>'s indexer. The seeded test SchemaKeysDifferentialTests holds
/// every field to that indexer.
/// </summary>
internal struct SchemaKeys
{
    public YamlNode? Ref;
    public YamlNode? Description;
    public YamlNode? Name;
    public YamlNode? AllOf;
    public YamlNode? OneOf;
    public YamlNode? AnyOf;
    public YamlNode? Not;
    public YamlNode? Type;
    public YamlNode? Format;
    public YamlNode? Enum;
    public YamlNode? MinLength;
    public YamlNode? MaxLength;
    public YamlNode? ExclusiveMinimum;
    public YamlNode? ExclusiveMaximum;
    public YamlNode? Minimum;
    public YamlNode? Maximum;
    public YamlNode? Pattern;
    public YamlNode? Decimal;
    public YamlNode? DateTime;

    /// <summary>The keys of <paramref name="map"/>, one pass over its entries.</summary>
    public static SchemaKeys Of(YamlMap map)
    {
        var keys = default(SchemaKeys);
        foreach (var entry in map.Entries)
        {
            var value = entry.Value;
            switch (entry.Key.Value)
            {
                case "$ref":
                    keys.Ref ??= value;
                    break;
                case "description":
                    keys.Description ??= value;
                    break;
                case "x-qiwi-name":
                    keys.Name ??= value;
                    break;
                case "allOf":
                    keys.AllOf ??= value;
                    break;
                case "oneOf":
                    keys.OneOf ??= value;
                    break;
                case "anyOf":
                    keys.AnyOf ??= value;
                    break;
                case "not":
                    keys.Not ??= value;
                    break;
                case "type":
                    keys.Type ??= value;
                    break;
                case "format":
                    keys.Format ??= value;
                    break;
                case "enum":
                    keys.Enum ??= value;
                    break;
                case "minLength":
                    keys.MinLength ??= value;
                    break;
                case "maxLength":
                    keys.MaxLength ??= value;
                    break;
                case "exclusiveMinimum":
                    keys.ExclusiveMinimum ??= value;
                    break;
                case "exclusiveMaximum":
                    keys.ExclusiveMaximum ??= value;
                    break;
                case "minimum":
                    keys.Minimum ??= value;
                    break;
                case "maximum":
                    keys.Maximum ??= value;
                    break;
                case "pattern":
                    keys.Pattern ??= value;
                    break;
                case "x-qiwi-decimal":
                    keys.Decimal ??= value;
                    break;
                case "x-qiwi-datetime":
                    keys.DateTime ??= value;
                    break;
            }
        }

        return keys;
    }
}
