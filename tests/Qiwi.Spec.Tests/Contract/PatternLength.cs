using System.Globalization;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// The longest text an anchored pattern can match, in UTF-16 units, for the plain patterns a spec writes: literals,
/// escapes, classes, groups, alternation and bounded quantifiers. Null when the pattern is not anchored at both ends,
/// has an unbounded quantifier (<c>*</c>, <c>+</c>, <c>{n,}</c>), or uses what this reader does not know
/// (lookarounds, backreferences): then the pattern bounds nothing this check can trust.
/// </summary>
internal static class PatternLength
{
    public static int? Longest(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$' || (pattern.Length >= 3 && pattern[^2] == '\\'))
        {
            return null;
        }

        var position = 1;
        var longest = Alternatives(pattern[..^1], ref position);
        return position == pattern.Length - 1 ? longest : null;
    }

    /// <summary>Alternatives up to a ')' or the end: the longest of them.</summary>
    private static int? Alternatives(string pattern, ref int position)
    {
        int? longest = 0;
        while (true)
        {
            var branch = Sequence(pattern, ref position);
            longest = longest is null || branch is null ? null : Math.Max(longest.Value, branch.Value);
            if (position < pattern.Length && pattern[position] == '|')
            {
                position++;
                continue;
            }

            return longest;
        }
    }

    private static int? Sequence(string pattern, ref int position)
    {
        int? total = 0;
        while (position < pattern.Length && pattern[position] is not ('|' or ')'))
        {
            var atom = Atom(pattern, ref position);
            var times = Quantifier(pattern, ref position);
            total = total is null || atom is null || times is null ? null : total.Value + (atom.Value * times.Value);
        }

        return total;
    }

    private static int? Atom(string pattern, ref int position)
    {
        var c = pattern[position++];
        switch (c)
        {
            case '(':
                if (position < pattern.Length && pattern[position] == '?')
                {
                    if (position + 1 >= pattern.Length || pattern[position + 1] != ':')
                    {
                        Skip(pattern, ref position);
                        return null; // a lookaround or a named group: not read here
                    }

                    position += 2;
                }

                var inner = Alternatives(pattern, ref position);
                if (position >= pattern.Length || pattern[position] != ')')
                {
                    return null;
                }

                position++;
                return inner;
            case '[':
                for (var escaped = false; position < pattern.Length; position++)
                {
                    if (!escaped && pattern[position] == ']' && pattern[position - 1] != '[')
                    {
                        position++;
                        return 1;
                    }

                    escaped = !escaped && pattern[position] == '\\';
                }

                return null;
            case '\\':
                if (position >= pattern.Length)
                {
                    return null;
                }

                var escape = pattern[position++];
                if (escape == 'u')
                {
                    position += 4;
                }
                else if (escape == 'x')
                {
                    position += 2;
                }
                else if (char.IsDigit(escape) || escape is 'k' or 'b' or 'B' or 'A' or 'z' or 'Z' or 'G' or 'p' or 'P')
                {
                    return null; // backreferences, anchors inside, Unicode categories: not read here
                }

                return 1;
            case '^' or '$':
                return null;
            default:
                return 1;
        }
    }

    /// <summary>How many times the atom may repeat at most: 1 with none, null when unbounded.</summary>
    private static int? Quantifier(string pattern, ref int position)
    {
        if (position >= pattern.Length)
        {
            return 1;
        }

        int? times;
        switch (pattern[position])
        {
            case '?':
                position++;
                times = 1;
                break;
            case '*' or '+':
                position++;
                times = null;
                break;
            case '{':
                var close = pattern.IndexOf('}', position);
                if (close < 0)
                {
                    return 1; // a literal '{'
                }

                var bounds = pattern[(position + 1)..close].Split(',');
                position = close + 1;
                var most = bounds.Length is 1 or 2 ? bounds[^1] : string.Empty;
                times = int.TryParse(most, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
                break;
            default:
                return 1;
        }

        if (position < pattern.Length && pattern[position] is '?' or '+')
        {
            position++; // lazy or possessive: the same lengths
        }

        return times;
    }

    private static void Skip(string pattern, ref int position)
    {
        for (var depth = 1; position < pattern.Length && depth > 0; position++)
        {
            depth += pattern[position] switch { '(' => 1, ')' => -1, _ => 0 };
        }
    }
}
