namespace Qiwi.Testing;

/// <summary>A spec written in Russian, for the tests and benchmarks of a generator run whose docs are not ASCII.</summary>
internal static class SpecInRussian
{
    /// <summary>
    /// The spec as a shop in Russia would write it: every letter of every description (single-line, quoted or a block)
    /// turned into a Cyrillic one, so the generated docs hold about as many Cyrillic letters as the spec's descriptions
    /// have letters; the rest of the spec (keys, names, values, quotes, indentation) is untouched, and so is the
    /// envelope's <c>description: description</c>, which names a property.
    /// </summary>
    public static string Of(string spec)
    {
        const string cyrillic = "абцдефгхийклмнопкрстуввхызАБЦДЕФГХИЙКЛМНОПКРСТУВВХЫЗ";
        static char Letter(char c) => c is >= 'a' and <= 'z' ? cyrillic[c - 'a'] : c is >= 'A' and <= 'Z' ? cyrillic[26 + c - 'A'] : c;
        var lines = spec.Split('\n');
        var blockIndent = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            if (blockIndent >= 0 && (line.Trim().Length == 0 || indent > blockIndent))
            {
                lines[i] = new string(line.Select(Letter).ToArray());
                continue;
            }

            blockIndent = -1;
            var key = line.IndexOf("description: ", StringComparison.Ordinal);
            if (key < 0 || line.AsSpan(0, key).Trim().Length != 0 || line.EndsWith("description: description", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line[(key + "description: ".Length)..];
            if (value.StartsWith('|') || value.StartsWith('>'))
            {
                blockIndent = indent;
                continue;
            }

            lines[i] = line[..(key + "description: ".Length)] + new string(value.Select(Letter).ToArray());
        }

        return string.Join('\n', lines);
    }
}
