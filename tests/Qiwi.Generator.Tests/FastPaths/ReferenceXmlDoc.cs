using System.Text;
using Qiwi.Generator.Emit;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// XmlDoc as it was before the one-pass rewrites (issue 16), kept as the simple reference the fast
/// <see cref="XmlDoc"/> is compared against: normalize a copy, Trim, Split, TrimEnd, escape each line into a list.
/// </summary>
internal static class ReferenceXmlDoc
{
    public static void Summary(CodeWriter writer, string? text)
    {
        if (Lines(text).Count == 0)
        {
            writer.Line("/// <summary></summary>");
            return;
        }

        Element(writer, "summary", text);
    }

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

        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].Length == 0)
            {
                result[i] = "<para/>";
            }
        }

        return result;
    }

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

    private static readonly string[] MarkupStarts = { "<see ", "<paramref ", "<c>", "</c>", "<para/>" };

    /// <summary>Escapes one line into a new string (the fast path counts, then writes ranges of the whole text into the file).</summary>
    private static string Inline(string line)
    {
        var builder = new StringBuilder();
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
                case '<' when !inCode && MarkupStarts.Any(start => string.CompareOrdinal(line, i, start, 0, start.Length) == 0):
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
