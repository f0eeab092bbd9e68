using System.Globalization;

namespace Qiwi.Generator.Parsing;

/// <summary>Checks that spec text is a plain decimal number and normalizes it for a C# literal.</summary>
internal static class DecimalText
{
    /// <summary>
    /// True for <c>-?digits(.digits)?([eE][+-]?digits)?</c> whose value fits a <see cref="decimal"/>;
    /// <paramref name="normalized"/> is then its invariant text (<c>1e3</c> -> <c>1000</c>). Rejects
    /// <c>abc</c>, <c>NaN</c>, <c>1e400</c>, <c>1.</c>, <c>0,5</c>, <c>.5</c>, <c>+1</c>.
    /// </summary>
    public static bool TryNormalize(string text, out string normalized)
    {
        normalized = string.Empty;
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (!Digits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i != text.Length || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        normalized = value.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool Digits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is >= '0' and <= '9')
        {
            i++;
        }

        return i > start;
    }
}
