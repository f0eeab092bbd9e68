using System.Globalization;
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
        var keys = names.Select(n => new Key(n)).ToList();
        for (var i = 1; i < keys.Count; i++)
        {
            var current = keys[i];
            var j = i - 1;
            for (; j >= 0 && Compare(keys[j], current) > 0; j--)
            {
                keys[j + 1] = keys[j];
            }

            keys[j + 1] = current;
        }

        return keys.Select(k => k.Name).ToList();
    }

    /// <summary>PHP 8's comparison of two array keys under <c>ksort</c>'s default flags: negative, zero or positive.</summary>
    public static int Compare(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Compare(new Key(left), new Key(right));
    }

    private static int Compare(Key left, Key right)
    {
        if (left.Number is { } a && right.Number is { } b)
        {
            return a.IsInteger && b.IsInteger ? a.Integer.CompareTo(b.Integer) : a.Real.CompareTo(b.Real);
        }

        var length = Math.Min(left.Bytes.Length, right.Bytes.Length);
        for (var i = 0; i < length; i++)
        {
            if (left.Bytes[i] != right.Bytes[i])
            {
                return left.Bytes[i] < right.Bytes[i] ? -1 : 1;
            }
        }

        return left.Bytes.Length.CompareTo(right.Bytes.Length);
    }

    private readonly struct Key
    {
        public Key(string name)
        {
            Name = name ?? string.Empty;
            Bytes = Encoding.UTF8.GetBytes(Name);
            Number = PhpNumber.TryParse(Name);
        }

        public string Name { get; }

        public byte[] Bytes { get; }

        public PhpNumber? Number { get; }
    }

    /// <summary>A PHP 8 numeric string's value: an integer when it has no point or exponent and fits, else a double.</summary>
    private readonly record struct PhpNumber(bool IsInteger, long Integer, double Real)
    {
        /// <summary>
        /// PHP 8's <c>is_numeric</c> without errors allowed: optional leading and trailing whitespace
        /// (space, \t, \n, \r, \v, \f), an optional sign, digits with an optional point (at least one digit), an
        /// optional exponent. Hex, underscores, "INF" and anything trailing are not numeric.
        /// </summary>
        public static PhpNumber? TryParse(string text)
        {
            var i = 0;
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            var start = i;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var digits = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                digits++;
            }

            var integral = true;
            if (i < text.Length && text[i] == '.')
            {
                integral = false;
                for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++)
                {
                    digits++;
                }
            }

            if (digits == 0)
            {
                return null;
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                var exponent = i + 1;
                if (exponent < text.Length && text[exponent] is '+' or '-')
                {
                    exponent++;
                }

                if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
                {
                    integral = false;
                    for (i = exponent; i < text.Length && char.IsAsciiDigit(text[i]); i++)
                    {
                    }
                }
            }

            var end = i;
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            if (i != text.Length)
            {
                return null;
            }

            var number = text[start..end];
            if (integral && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return new PhpNumber(true, integer, integer);
            }

            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? new PhpNumber(false, 0, real) : null;
        }

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';
    }
}
