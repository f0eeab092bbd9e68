using Qiwi.Generator.Emit;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// XmlDoc as it was before the one-pass rewrite (issue 16), kept as the simple reference the fast
/// <see cref="XmlDoc"/> is compared against: normalize a copy, Trim, Split, TrimEnd, escape each line.
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

    // Normalizing and escaping are unchanged: the reference normalizes every text and escapes each line as its
    // own string, the fast path normalizes only when it must and escapes ranges of the whole text, so what this
    // compares is that choice and those ranges.
    private static string Normalize(string text) => XmlDoc.Normalize(text);

    private static string Inline(string line) => XmlDoc.Inline(line, 0, line.Length);
}
