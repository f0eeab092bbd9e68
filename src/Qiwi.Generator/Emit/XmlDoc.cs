using System.Collections.Generic;
using System.Text;

namespace Qiwi.Generator.Emit;

/// <summary>Turns the spec's Markdown-ish descriptions into XML documentation comments.</summary>
internal static class XmlDoc
{
    /// <summary>A summary; an empty one when the text has nothing to show, so a public member always has its docs (no CS1591).</summary>
    public static void Summary(CodeWriter writer, string? text)
    {
        var lines = Lines(text);
        if (lines.Count == 0)
        {
            writer.Line("/// <summary></summary>");
            return;
        }

        Write(writer, "summary", lines, string.Empty);
    }

    public static void Remarks(CodeWriter writer, string? text) => Element(writer, "remarks", text);

    public static void Element(CodeWriter writer, string element, string? text, string attributes = "")
        => Write(writer, element, Lines(text), attributes);

    public static void Param(CodeWriter writer, string name, string? text)
    {
        var lines = Lines(text);
        Write(writer, "param", lines.Count == 0 ? Lines(name) : lines, string.Empty, name);
    }

    /// <summary>
    /// Writes the element: on one line when it is one short line, else its lines between the tags. The tag has
    /// <paramref name="attributes"/> as they are, then <c> name="..."</c> of a parameter <paramref name="paramName"/>
    /// (without its '@') when one is given.
    /// </summary>
    private static void Write(CodeWriter writer, string element, List<string> lines, string attributes, string? paramName = null)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var builder = writer.LineStart();
        OpenTag(builder, element, attributes, paramName);
        if (lines.Count == 1 && lines[0].Length < 100)
        {
            builder.Append(lines[0]).Append("</").Append(element).Append('>');
            writer.LineEnd();
            return;
        }

        writer.LineEnd();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                writer.Line("///");
            }
            else
            {
                writer.LineStart().Append("/// ").Append(line);
                writer.LineEnd();
            }
        }

        writer.LineStart().Append("/// </").Append(element).Append('>');
        writer.LineEnd();
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

    /// <summary>Escapes XML, turns `code` into &lt;c&gt;, **bold** into plain text, and keeps paragraphs.</summary>
    /// <remarks>
    /// The text is trimmed and split into lines, each trimmed at its end; a run of blank lines is one
    /// <c>&lt;para/&gt;</c>. One pass over the text: a line that needs no escaping is the text itself (or one
    /// substring of it), and only text with control characters, other line breaks or lone surrogates is
    /// normalized into a copy first.
    /// </remarks>
    public static List<string> Lines(string? text)
    {
        var result = new List<string>();
        if (text is null)
        {
            return result;
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
                if (!previousBlank && result.Count > 0)
                {
                    result.Add(Paragraph); // paragraph breaks as <para/> keep IDE tooltips readable
                }

                previousBlank = true;
            }
            else
            {
                previousBlank = false;
                var line = Inline(source, lineStart, lineEnd);
                result.Add(line.Length == 0 ? Paragraph : line);
            }

            if (newline < 0)
            {
                return result;
            }

            lineStart = newline + 1;
        }
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

    private static bool NeedsInline(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is '`' or '*' or '&' or '<' or '>')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line <c>text[start..end]</c> with its markup turned into XML (the text itself when it has none).</summary>
    internal static string Inline(string text, int start, int end)
    {
        if (!NeedsInline(text, start, end))
        {
            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }

        var builder = new StringBuilder(end - start + 16);
        var inCode = false;
        var inTag = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '`' when !inTag:
                    builder.Append(inCode ? "</c>" : "<c>");
                    inCode = !inCode;
                    break;
                case '*' when i + 1 < end && text[i + 1] == '*':
                    i++;
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<' when !inCode && IsMarkup(text, i, end):
                    inTag = true;
                    builder.Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>' when inTag:
                    inTag = false;
                    builder.Append(c);
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        if (inCode)
        {
            builder.Append("</c>");
        }

        return builder.ToString();
    }
}
