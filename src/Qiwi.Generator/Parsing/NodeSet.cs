using System.Collections.Generic;

namespace Qiwi.Generator.Parsing;

/// <summary>
/// The nodes met while following one chain of references, compared by identity. A chain is short (a few
/// nodes), so the first <see cref="Small"/> are compared in an array, which spares hashing object identities;
/// a longer (adversarial) chain moves to a hash set so that following it stays linear. Reused with <see cref="Clear"/>.
/// </summary>
internal sealed class NodeSet
{
    private const int Small = 8;
    private readonly YamlNode[] _first = new YamlNode[Small];
    private int _count;
    private HashSet<YamlNode>? _more;

    public void Clear()
    {
        System.Array.Clear(_first, 0, _count);
        _count = 0;
        _more?.Clear();
    }

    public bool Contains(YamlNode node)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_first[i], node))
            {
                return true;
            }
        }

        return _more is not null && _more.Contains(node);
    }

    /// <summary>Adds <paramref name="node"/>; false when it was already in the set.</summary>
    public bool Add(YamlNode node)
    {
        if (Contains(node))
        {
            return false;
        }

        if (_count < Small)
        {
            _first[_count++] = node;
        }
        else
        {
            (_more ??= new HashSet<YamlNode>(IdentityComparer.Instance)).Add(node);
        }

        return true;
    }

    /// <summary>Compares nodes by identity (what a node is, not what it holds).</summary>
    private sealed class IdentityComparer : IEqualityComparer<YamlNode>
    {
        public static readonly IdentityComparer Instance = new();

        public bool Equals(YamlNode? x, YamlNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(YamlNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
