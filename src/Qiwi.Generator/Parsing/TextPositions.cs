using Qiwi.Generator.Diagnostics;

namespace Qiwi.Generator.Parsing;

/// <summary>Line and column of a character offset, for problems found in the raw text.</summary>
internal static class TextPositions
{
    /// <summary>The span of <paramref name="length"/> characters at <paramref name="offset"/> (clamped to the text).</summary>
    public static SourceSpan At(string text, int offset, int length = 0)
    {
        offset = System.Math.Max(0, System.Math.Min(offset, text.Length));
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var end = System.Math.Min(text.Length, offset + length);
        return new SourceSpan(offset, end, line, offset - lineStart, line, end - lineStart);
    }

    /// <summary>The offset of the first tab in a line's leading whitespace at or after <paramref name="from"/>, else of any tab.</summary>
    public static int? FindIndentationTab(string text, int from)
    {
        var atLineStart = from == 0 || (from <= text.Length && text[from - 1] == '\n');
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                atLineStart = true;
            }
            else if (c == '\t' && atLineStart)
            {
                return i;
            }
            else if (c != ' ')
            {
                atLineStart = false;
            }
        }

        var any = text.IndexOf('\t', System.Math.Min(from, text.Length));
        return any >= 0 ? any : null;
    }
}
