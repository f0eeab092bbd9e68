using System.Text;

namespace Qiwi.Runtime;

/// <summary>
/// The order in which PHP's <c>ksort($_POST)</c> puts form parameter names: the order the QIWI docs' reference
/// implementation signs notifications in. PHP 8 rules (default flags): two names that are both numeric strings
/// compare as numbers (<c>"9"</c> before <c>"10"</c>, <c>"1e1"</c> equal to <c>"10"</c>); any other two compare
/// byte-wise on their UTF-8 bytes, a shorter prefix first. Equal names keep their order in the form (PHP 8's sort
/// is stable).
/// </summary>
/// <remarks>
/// For names made of Latin letters, digits and <c>_</c> that are not all digits (every name QIWI documents), this
/// is the plain byte order, the same as .NET's ordinal order. It differs from the ordinal order for numeric names
/// and for characters beyond U+FFFF (UTF-16 ordinal puts a surrogate, 0xD800..0xDFFF, before U+E000..U+FFFF;
/// UTF-8 puts it after). Where PHP's comparison is not a total order (numeric and non-numeric names that form a
/// cycle, such as <c>"9"</c>, <c>"10"</c>, <c>"1a"</c>), no order matches every PHP build; a stable insertion sort
/// is used, as PHP uses for short arrays.
/// </remarks>
public static class QiwiKeyOrder
{
    /// <summary>The names in PHP ksort order (stable: equal names keep their relative order).</summary>
    public static IReadOnlyList<string> Sort(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var fields = names.Select(n => new SignedField(n ?? string.Empty, string.Empty)).ToArray();
        Sort(fields);
        return Array.ConvertAll(fields, f => f.Name);
    }

    /// <summary>PHP 8's comparison of two array keys under <c>ksort</c>'s default flags: negative, zero or positive.</summary>
    public static int Compare(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Compare(PhpNumber.TryParse(left), left, PhpNumber.TryParse(right), right);
    }

    /// <summary>Sorts in place, stably (an insertion sort, as PHP uses for short arrays); allocates nothing.</summary>
    internal static void Sort(Span<SignedField> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i].Number = PhpNumber.TryParse(fields[i].Name);
        }

        for (var i = 1; i < fields.Length; i++)
        {
            var current = fields[i];
            var j = i - 1;
            for (; j >= 0 && Compare(fields[j], current) > 0; j--)
            {
                fields[j + 1] = fields[j];
            }

            fields[j + 1] = current;
        }
    }

    private static int Compare(in SignedField left, in SignedField right)
    {
        if (left.Number is null || right.Number is null)
        {
            return CompareUtf8(left.Name, right.Name);
        }

        return Compare(left.Number, left.Name, right.Number, right.Name);
    }

    private static int Compare(PhpNumber? leftNumber, string left, PhpNumber? rightNumber, string right)
    {
        if (leftNumber is { } a && rightNumber is { } b)
        {
            return a.IsInteger && b.IsInteger ? a.Integer.CompareTo(b.Integer) : a.Real.CompareTo(b.Real);
        }

        return CompareUtf8(left, right);
    }

    /// <summary>
    /// The order of the two names' UTF-8 bytes (as <see cref="Encoding.UTF8"/> writes them: a lone surrogate as
    /// U+FFFD), without encoding them: UTF-8 keeps the order of code points, so the code points are compared.
    /// </summary>
    private static int CompareUtf8(string left, string right)
    {
        // Most names differ in their first character: decided there, without the prefix search's set-up.
        if (left.Length != 0 && right.Length != 0 && left[0] != right[0] && left[0] < 0xD800 && right[0] < 0xD800)
        {
            return left[0] < right[0] ? -1 : 1;
        }

        // UTF-16 ordinal order is the code point order up to the first difference (vectorized search); a prefix
        // in UTF-16 is a prefix, or smaller, in code points too.
        var common = left.AsSpan().CommonPrefixLength(right);
        if (common == left.Length || common == right.Length)
        {
            return left.Length.CompareTo(right.Length);
        }

        if (left[common] < 0xD800 && right[common] < 0xD800)
        {
            return left[common] < right[common] ? -1 : 1;
        }

        // A surrogate where they differ: decode code points from there (from the pair's start if it began before).
        int i = common > 0 && char.IsHighSurrogate(left[common - 1]) ? common - 1 : common, j = i;
        while (i < left.Length && j < right.Length)
        {
            var l = left[i];
            var r = right[j];
            if (l < 0xD800 && r < 0xD800)
            {
                if (l != r)
                {
                    return l < r ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            Rune.DecodeFromUtf16(left.AsSpan(i), out var leftRune, out var leftLength);
            Rune.DecodeFromUtf16(right.AsSpan(j), out var rightRune, out var rightLength);
            if (leftRune != rightRune)
            {
                return leftRune.Value < rightRune.Value ? -1 : 1;
            }

            i += leftLength;
            j += rightLength;
        }

        // One is a prefix of the other in code points, so in bytes: the shorter first.
        return (i < left.Length ? 1 : 0) - (j < right.Length ? 1 : 0);
    }
}
