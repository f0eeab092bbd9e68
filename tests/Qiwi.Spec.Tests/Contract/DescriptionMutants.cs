using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// What the mutation tests of the compared words share (<see cref="ContractTextTests"/> for codes and values,
/// <see cref="ContractDescriptionTests"/> for parameters and properties): changing a character, setting a description,
/// and playing changes one at a time against the check to find those it does not notice.
/// </summary>
internal static class DescriptionMutants
{
    /// <summary>Another letter of the same case (another digit), never the same one.</summary>
    public static char Other(char c, Random random)
    {
        var (first, count) = char.IsAsciiDigit(c) ? ('0', 10) : char.IsAsciiLetterUpper(c) ? ('A', 26) : ('a', 26);
        return (char)(first + ((c - first + random.Next(1, count)) % count));
    }

    /// <summary>Sets the <c>description</c> of <paramref name="holder"/>.</summary>
    public static void Set(YamlMappingNode holder, string text) => holder.Children[new YamlScalarNode("description")] = new YamlScalarNode(text);

    /// <summary>
    /// The changes not noticed at a row that compares their place: each change is made at the holder its locator names,
    /// the check run (<paramref name="problems"/>), and the description put back. "name at [row]" for each row that did not
    /// report it, and "name (at no row)" when none did (a problem that names no row, the coverage rule's, does not count).
    /// Only what a change adds counts: a weaker rule may report something of the unchanged spec.
    /// </summary>
    public static List<string> Survivors(
        IEnumerable<(string Name, string Locator, string Text)> mutants,
        Func<string, YamlMappingNode> holder,
        Func<YamlMappingNode, string> description,
        Func<IEnumerable<string>> problems,
        Func<string, IReadOnlyList<string>> rowKeys)
    {
        var before = problems().ToHashSet(StringComparer.Ordinal);
        var survivors = new List<string>();
        foreach (var (name, locator, text) in mutants)
        {
            var node = holder(locator);
            var original = description(node);
            Set(node, text);
            var found = problems().Where(p => !before.Contains(p) && p.Contains(locator, StringComparison.Ordinal)).ToList();
            Set(node, original);
            var keys = rowKeys(locator);
            var missed = keys.Where(key => !found.Any(p => p.Contains($"[{key}]", StringComparison.Ordinal))).ToList();
            survivors.AddRange(missed.Select(key => $"{name} at [{key}]"));
            if (missed.Count == keys.Count)
            {
                survivors.Add($"{name} (at no row)");
            }
        }

        return survivors;
    }
}
