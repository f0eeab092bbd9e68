using System.Collections.Generic;
using System.Text;

namespace Qiwi.Generator.Emit;

/// <summary>Turns the spec's Markdown-ish descriptions into XML documentation comments.</summary>
internal static class XmlDoc
{
    /// <summary>A summary; an empty one when the text has nothing to show, so a public member always has its docs (no CS1591).</summary>
    public static void Summary(CodeWriter writer, string? text)
    {
        if (Lines(text).Count == 0)
        {
            writer.Line("/// <summary></summary>");
            return;
        }

        Element(writer, "summary", text);
    }

    public static void Remarks(CodeWriter writer, string? text) => Element(writer, "remarks", text);

    public static void Element(CodeWriter writer, string element, string? text, string attributes = "")
    {
        var lines = Lines(text);
        if (lines.Count == 0)
        {
            return;
        }

        if (lines.Count == 1 && lines[0].Length < 100)
        {
            writer.Line("/// <" + element + attributes + ">" + lines[0] + "</" + element + ">");
            return;
        }

        writer.Line("/// <" + element + attributes + ">");
        foreach (var line in lines)
        {
            writer.Line(line.Length == 0 ? "///" : "/// " + line);
        }

        writer.Line("/// </" + element + ">");
    }

    public static void Param(CodeWriter writer, string name, string? text)
        => Element(writer, "param", Lines(text).Count == 0 ? name : text, " name=\"" + name.TrimStart('@') + "\"");

    /// <summary>Escapes XML, turns `code` into &lt;c&gt;, **bold** into plain text, and keeps paragraphs.</summary>
    public static List<string> Lines(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        var paragraphs = Normalize(text!).Trim().Split('\n');
        var previousBlank = false;
        foreach (var raw in paragraphs)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                if (!previousBlank && result.Count > 0)
                {
                    result.Add(string.Empty);
                }

                previousBlank = true;
                continue;
            }

            previousBlank = false;
            result.Add(Inline(line));
        }

        // Paragraph breaks as <para/> keep IDE tooltips readable.
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].Length == 0)
            {
                result[i] = "<para/>";
            }
        }

        return result;
    }

    /// <summary>
    /// Every line break C# knows (U+0085, U+2028, U+2029 end a <c>///</c> line as <c>\n</c> does) becomes
    /// <c>\n</c>; other control characters (not allowed in XML) become spaces, lone surrogates U+FFFD.
    /// </summary>
    private static string Normalize(string text)
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

    private static bool IsMarkup(string line, int index)
    {
        foreach (var start in MarkupStarts)
        {
            if (string.CompareOrdinal(line, index, start, 0, start.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Inline(string line)
    {
        var builder = new StringBuilder(line.Length + 16);
        var inCode = false;
        var inTag = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case '`' when !inTag:
                    builder.Append(inCode ? "</c>" : "<c>");
                    inCode = !inCode;
                    break;
                case '*' when i + 1 < line.Length && line[i + 1] == '*':
                    i++;
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<' when !inCode && IsMarkup(line, i):
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
