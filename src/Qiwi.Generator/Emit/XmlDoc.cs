using System.Text;

namespace Qiwi.Generator.Emit;

/// <summary>Turns the spec's Markdown-ish descriptions into XML documentation comments.</summary>
internal static class XmlDoc
{
    /// <summary>A summary; an empty one when the text has nothing to show, so a public member always has its docs (no CS1591).</summary>
    public static void Summary(CodeWriter writer, string? text)
    {
        if (!Write(writer, "summary", text, string.Empty, null))
        {
            writer.Line("/// <summary></summary>");
        }
    }

    public static void Remarks(CodeWriter writer, string? text) => Write(writer, "remarks", text, string.Empty, null);

    public static void Element(CodeWriter writer, string element, string? text, string attributes = "")
        => Write(writer, element, text, attributes, null);

    public static void Param(CodeWriter writer, string name, string? text)
    {
        if (!Write(writer, "param", text, string.Empty, name))
        {
            Write(writer, "param", name, string.Empty, name);
        }
    }

    /// <summary>
    /// Writes the element straight into the writer (false when the text has no line to show): on one line when it is
    /// one short line, else its lines between the tags. The tag has <paramref name="attributes"/> as they are, then
    /// <c> name="..."</c> of a parameter <paramref name="paramName"/> (without its '@') when one is given.
    /// </summary>
    /// <remarks>
    /// The text is trimmed and split into lines, each trimmed at its end; a run of blank lines is one
    /// <c>&lt;para/&gt;</c>, as is a line whose markup leaves nothing. One pass over the text, no line copied out of it;
    /// only text with control characters, other line breaks or lone surrogates is normalized into a copy first.
    /// </remarks>
    private static bool Write(CodeWriter writer, string element, string? text, string attributes, string? paramName)
    {
        if (text is null)
        {
            return false;
        }

        var source = NeedsNormalizing(text) ? Normalize(text) : text;
        int start = 0, end = source.Length;
        while (start < end && char.IsWhiteSpace(source[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(source[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            return false;
        }

        var builder = writer.LineStart();
        OpenTag(builder, element, attributes, paramName);

        // Trimmed, the text starts and ends with a non-blank line: one line exactly when it has no '\n'.
        if (source.IndexOf('\n', start, end - start) < 0)
        {
            var length = Inline(source, start, end, null);
            if (length < 100)
            {
                if (length == 0)
                {
                    builder.Append(Paragraph);
                }
                else
                {
                    Inline(source, start, end, builder);
                }

                builder.Append("</").Append(element).Append('>');
                writer.LineEnd();
                return true;
            }
        }

        writer.LineEnd();
        WriteLines(writer, source, start, end);
        writer.LineStart().Append("/// </").Append(element).Append('>');
        writer.LineEnd();
        return true;
    }

    private static void WriteLines(CodeWriter writer, string source, int start, int end)
    {
        var previousBlank = false;
        var lineStart = start;
        while (true)
        {
            var newline = lineStart < end ? source.IndexOf('\n', lineStart, end - lineStart) : -1;
            var lineEnd = newline < 0 ? end : newline;
            while (lineEnd > lineStart && char.IsWhiteSpace(source[lineEnd - 1]))
            {
                lineEnd--;
            }

            if (lineEnd == lineStart)
            {
                // Paragraph breaks as <para/> keep IDE tooltips readable (the first line is never blank).
                if (!previousBlank)
                {
                    writer.Line("/// " + Paragraph);
                }

                previousBlank = true;
            }
            else
            {
                previousBlank = false;
                var builder = writer.LineStart().Append("/// ");
                if (Inline(source, lineStart, lineEnd, builder) == 0)
                {
                    builder.Append(Paragraph);
                }

                writer.LineEnd();
            }

            if (newline < 0)
            {
                return;
            }

            lineStart = newline + 1;
        }
    }

    private static void OpenTag(StringBuilder builder, string element, string attributes, string? paramName)
    {
        builder.Append("/// <").Append(element).Append(attributes);
        if (paramName is not null)
        {
            var at = 0;
            while (at < paramName.Length && paramName[at] == '@')
            {
                at++; // as name.TrimStart('@'): the verbatim marker is not part of the name
            }

            builder.Append(" name=\"").Append(paramName, at, paramName.Length - at).Append('"');
        }

        builder.Append('>');
    }

    private const string Paragraph = "<para/>";

    /// <summary>True when <see cref="Normalize"/> would change the text.</summary>
    private static bool NeedsNormalizing(string text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c != '\n' && c != '\t') || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every line break C# knows (U+0085, U+2028, U+2029 end a <c>///</c> line as <c>\n</c> does) becomes
    /// <c>\n</c>; other control characters (not allowed in XML) become spaces, lone surrogates U+FFFD.
    /// </summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            builder.Append(Text.IsLineBreak(c) ? '\n' : c == '\t' ? c : Text.IsControl(c) ? ' ' : Text.IsLoneSurrogate(text, i) ? '\ufffd' : c);
        }

        return builder.ToString();
    }

    // The emitters' own markup (<see cref=.../>, <paramref .../>, <c>, <para/>) passes through;
    // any other '<' is text from the spec and is escaped.
    private static readonly string[] MarkupStarts = { "<see ", "<paramref ", "<c>", "</c>", "<para/>" };

    private static bool IsMarkup(string text, int index, int end)
    {
        foreach (var start in MarkupStarts)
        {
            if (end - index >= start.Length && string.CompareOrdinal(text, index, start, 0, start.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NeedsInline(string text, int start, int end) => text.IndexOfAny(Specials, start, end - start) >= 0;

    /// <summary>The characters <see cref="Inline"/> may write otherwise than as they are.</summary>
    private static readonly char[] Specials = { '`', '*', '&', '<', '>' };

    /// <summary>
    /// Writes the line <c>text[start..end]</c> with its markup turned into XML into <paramref name="into"/> (only
    /// counts when it is null); returns the number of characters.
    /// </summary>
    internal static int Inline(string text, int start, int end, StringBuilder? into)
    {
        if (!NeedsInline(text, start, end))
        {
            into?.Append(text, start, end - start);
            return end - start;
        }

        var count = 0;
        var inCode = false;
        var inTag = false;
        for (var i = start; i < end; i++)
        {
            // A run of characters that are written as they are goes in at once.
            var run = text.IndexOfAny(Specials, i, end - i);
            if (run < 0)
            {
                run = end;
            }

            if (run > i)
            {
                into?.Append(text, i, run - i);
                count += run - i;
                i = run;
                if (i == end)
                {
                    break;
                }
            }

            var c = text[i];
            switch (c)
            {
                case '`' when !inTag:
                    count += Put(into, inCode ? "</c>" : "<c>");
                    inCode = !inCode;
                    break;
                case '*' when i + 1 < end && text[i + 1] == '*':
                    i++;
                    break;
                case '&':
                    count += Put(into, "&amp;");
                    break;
                case '<' when !inCode && IsMarkup(text, i, end):
                    inTag = true;
                    count += Put(into, c);
                    break;
                case '<':
                    count += Put(into, "&lt;");
                    break;
                case '>' when inTag:
                    inTag = false;
                    count += Put(into, c);
                    break;
                case '>':
                    count += Put(into, "&gt;");
                    break;
                default:
                    count += Put(into, c);
                    break;
            }
        }

        if (inCode)
        {
            count += Put(into, "</c>");
        }

        return count;
    }

    private static int Put(StringBuilder? into, string text)
    {
        into?.Append(text);
        return text.Length;
    }

    private static int Put(StringBuilder? into, char c)
    {
        into?.Append(c);
        return 1;
    }
}
