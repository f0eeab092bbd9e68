using System.Globalization;

namespace Qiwi.Runtime;

/// <summary>A PHP 8 numeric string's value: an integer when it has no point or exponent and fits, else a double.</summary>
internal readonly record struct PhpNumber(bool IsInteger, long Integer, double Real)
{
    /// <summary>
    /// PHP 8's <c>is_numeric</c> without errors allowed: optional leading and trailing whitespace
    /// (space, \t, \n, \r, \v, \f), an optional sign, digits with an optional point (at least one digit), an
    /// optional exponent. Hex, underscores, "INF" and anything trailing are not numeric. Allocates nothing.
    /// </summary>
    public static PhpNumber? TryParse(ReadOnlySpan<char> text)
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
