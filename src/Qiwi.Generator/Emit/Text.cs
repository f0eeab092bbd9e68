using System;

namespace Qiwi.Generator.Emit;

/// <summary>Which characters of spec text cannot appear as they are in generated C# (literals, doc comments).</summary>
internal static class Text
{
    /// <summary>True for a character C# reads as a line break.</summary>
    public static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>True for a control character (C0, DEL, C1).</summary>
    public static bool IsControl(char c) => c < ' ' || (c >= '\u007f' && c <= '\u009f');

    /// <summary>True when <c>text[index]</c> is a surrogate without its pair.</summary>
    public static bool IsLoneSurrogate(string text, int index) => IsLoneSurrogate(text.AsSpan(), index);

    /// <summary>True when <c>text[index]</c> is a surrogate without its pair.</summary>
    public static bool IsLoneSurrogate(ReadOnlySpan<char> text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        return char.IsLowSurrogate(c) && (index == 0 || !char.IsHighSurrogate(text[index - 1]));
    }

    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsLoneSurrogate(text, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <c>text[index]</c> must be written as a <c>\uXXXX</c> escape in a string literal.</summary>
    public static bool MustEscape(string text, int index)
        => IsLineBreak(text[index]) || IsControl(text[index]) || IsLoneSurrogate(text, index);
}
