using System.Collections.Generic;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// The text values of a schema's <c>required</c> list, asked by name. A short list (the usual) is searched in
/// place, sparing a set per schema; a long one gets a set, so that asking for every property stays linear.
/// </summary>
internal readonly struct RequiredNames
{
    private const int Small = 16;
    private readonly YamlSequence? _list;
    private readonly HashSet<string>? _set;

    private RequiredNames(YamlSequence? list, HashSet<string>? set)
    {
        _list = list;
        _set = set;
    }

    /// <summary>The names of <paramref name="node"/> when it is a sequence (its scalar items); none otherwise.</summary>
    public static RequiredNames Of(YamlNode? node)
    {
        if (node is not YamlSequence list)
        {
            return default;
        }

        if (list.Items.Count <= Small)
        {
            return new RequiredNames(list, null);
        }

        var set = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is YamlScalar scalar)
            {
                set.Add(scalar.Value);
            }
        }

        return new RequiredNames(null, set);
    }

    public bool Contains(string name)
    {
        if (_set is not null)
        {
            return _set.Contains(name);
        }

        if (_list is null)
        {
            return false;
        }

        foreach (var item in _list.Items)
        {
            if (item is YamlScalar scalar && string.Equals(scalar.Value, name, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
