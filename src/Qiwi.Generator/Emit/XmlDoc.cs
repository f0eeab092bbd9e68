using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Qiwi.Generator.Emit;

/// <summary>Turns the spec's Markdown-ish descriptions into XML documentation comments.</summary>
/// <remarks>
/// The text (a string, or a builder an emitter put its parts in) is copied into a buffer the thread keeps, and
/// written from there straight into the file: no string of the text, of its lines or of their escaped forms is made.
/// </remarks>
internal static class XmlDoc
{
    [ThreadStatic]
    private static char[]? t_text;

    [ThreadStatic]
    private static char[]? t_normalized;

    /// <summary>A summary; an empty one when the text has nothing to show, so a public member always has its docs (no CS1591).</summary>
    public static void Summary(CodeWriter writer, string? text) => Summary(writer, Load(text));

    /// <summary>A summary of the text in <paramref name="text"/> (an emitter's scratch builder: read here, not kept).</summary>
    public static void Summary(CodeWriter writer, StringBuilder text) => Summary(writer, Load(text));

    public static void Remarks(CodeWriter writer, string? text) => Write(writer, "remarks", Load(text), string.Empty, null);

    public static void Remarks(CodeWriter writer, StringBuilder text) => Write(writer, "remarks", Load(text), string.Empty, null);

    public static void Element(CodeWriter writer, string element, string? text, string attributes = "")
        => Write(writer, element, Load(text), attributes, null);

    public static void Element(CodeWriter writer, string element, StringBuilder text, string attributes = "")
        => Write(writer, element, Load(text), attributes, null);

    public static void Param(CodeWriter writer, string name, string? text) => Param(writer, name, Load(text));

    public static void Param(CodeWriter writer, string name, StringBuilder text) => Param(writer, name, Load(text));

    /// <summary>The summary of the loaded text (<see cref="Loaded.None"/>: none).</summary>
    private static void Summary(CodeWriter writer, Loaded text)
    {
        if (!Write(writer, SummaryElement, text, string.Empty, null))
        {
            writer.Line("/// <summary></summary>");
        }
    }

    /// <summary>The parameter's doc of the loaded text; its name when the text has nothing to show.</summary>
    private static void Param(CodeWriter writer, string name, Loaded text)
    {
        if (!Write(writer, ParamElement, text, string.Empty, name))
        {
            Write(writer, ParamElement, Load(name), string.Empty, name);
        }
    }

    /// <summary>A text copied into a buffer: the thread's, or, for a huge text, one left to the collector.</summary>
    private readonly struct Loaded
    {
        public static readonly Loaded None = new(null, -1);

        public readonly char[]? Text;
        public readonly int Length;

        public Loaded(char[]? text, int length)
        {
            Text = text;
            Length = length;
        }
    }

    /// <summary>Copies the text into a buffer (<see cref="Loaded.None"/> for no text).</summary>
    private static Loaded Load(string? text)
    {
        if (text is null)
        {
            return Loaded.None;
        }

        var buffer = Buffer(ref t_text, text.Length);
        text.CopyTo(0, buffer, 0, text.Length);
        return new Loaded(buffer, text.Length);
    }

    private static Loaded Load(StringBuilder text)
    {
        var buffer = Buffer(ref t_text, text.Length);
        text.CopyTo(0, buffer, 0, text.Length);
        return new Loaded(buffer, text.Length);
    }

    /// <summary>The thread's buffer when it holds <paramref name="length"/> characters; a larger one, kept unless the text is huge.</summary>
    private static char[] Buffer(ref char[]? kept, int length)
    {
        var buffer = kept;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new char[Math.Max(length, 1024)];

            // A huge text's buffer is left to the collector rather than held by the thread.
            if (length <= MaxKeptLength)
            {
                kept = buffer;
            }
        }

        return buffer;
    }

    private const int MaxKeptLength = 64 * 1024;

    /// <summary>
    /// Writes the element of the loaded text into the writer (false when there is no text or it has no line to show):
    /// on one line when it is one short line, else its lines between the tags. The tag has <paramref name="attributes"/>
    /// as they are, then <c> name="..."</c> of a parameter <paramref name="paramName"/> (without its '@') when one is given.
    /// </summary>
    /// <remarks>
    /// The text is trimmed and split into lines, each trimmed at its end; a run of blank lines is one
    /// <c>&lt;para/&gt;</c>, as is a line whose markup leaves nothing. Text with control characters, other line breaks or
    /// lone surrogates is normalized into a second buffer first.
    /// </remarks>
    private static bool Write(CodeWriter writer, string element, Loaded text, string attributes, string? paramName)
    {
        if (text.Length < 0)
        {
            return false;
        }

        var source = text.Text!;
        var length = text.Length;
        if (NeedsNormalizing(source, length))
        {
            var normalized = Buffer(ref t_normalized, length);
            length = Normalize(source, length, normalized);
            source = normalized;
        }

        int start = 0, end = length;
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

        // Trimmed, the text starts and ends with a non-blank line: one line exactly when it has no '\n'. It is written
        // on the tag's line at once; when it turns out 100 characters or longer, it is taken back and written below.
        if (Array.IndexOf(source, '\n', start, end - start) < 0)
        {
            var tagEnd = builder.Length;
            var count = Inline(source, start, end, builder);
            if (count < 100)
            {
                if (count == 0)
                {
                    builder.Append(Paragraph);
                }

                AppendCloseTag(builder, element);
                writer.LineEnd();
                return true;
            }

            builder.Length = tagEnd;
        }

        writer.LineEnd();
        WriteLines(writer, source, start, end);
        AppendCloseTag(writer.LineStart().Append("/// "), element);
        writer.LineEnd();
        return true;
    }

    /// <summary>Appends <c>&lt;/element&gt;</c>: one string for the elements written most.</summary>
    private static void AppendCloseTag(StringBuilder builder, string element)
    {
        // The emitters pass these names as literals, the very strings compared here; any other string takes the general path.
        if ((object)element == SummaryElement)
        {
            builder.Append("</summary>");
        }
        else if ((object)element == ParamElement)
        {
            builder.Append("</param>");
        }
        else
        {
            builder.Append("</").Append(element).Append('>');
        }
    }

    private static void WriteLines(CodeWriter writer, char[] source, int start, int end)
    {
        var previousBlank = false;
        var lineStart = start;
        while (true)
        {
            var newline = lineStart < end ? Array.IndexOf(source, '\n', lineStart, end - lineStart) : -1;
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
        if (attributes.Length == 0 && (object)element == SummaryElement)
        {
            builder.Append("/// <summary>");
            return;
        }

        if (attributes.Length == 0 && (object)element == ParamElement)
        {
            builder.Append("/// <param");
        }
        else
        {
            builder.Append("/// <").Append(element).Append(attributes);
        }

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

    private const string SummaryElement = "summary";

    private const string ParamElement = "param";

    /// <summary>
    /// True when <see cref="Normalize"/> would change the text. Blocks of <see cref="Vector{T}"/> characters that are all
    /// printable ASCII or '\n' (nearly all of a description) are passed at once; any other block, and the tail, go
    /// through <see cref="NeedsNormalizingSimple"/>'s test character by character (XmlDocDifferentialTests holds the two together).
    /// </summary>
    internal static bool NeedsNormalizing(char[] text, int length)
    {
        var span = new ReadOnlySpan<char>(text, 0, length);
        for (var i = PlainBlocks.Skip(span, 0); i < length; i = PlainBlocks.Skip(span, i))
        {
            var end = Math.Min(i + PlainBlocks.Width, length);
            if (NeedsNormalizing(text, i, end))
            {
                return true;
            }

            i = end;
        }

        return false;
    }

    /// <summary>The reference of <see cref="NeedsNormalizing(char[], int)"/>: every character tested on its own.</summary>
    internal static bool NeedsNormalizingSimple(char[] text, int length) => NeedsNormalizing(text, 0, length);

    private static bool NeedsNormalizing(char[] text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            // Printable ASCII, nearly all of a description, is told by one comparison.
            var c = text[i];
            if ((uint)(c - ' ') < '\u007f' - ' ')
            {
                continue;
            }

            if ((c < ' ' && c != '\n' && c != '\t') || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the text normalized into <paramref name="into"/> and returns its length: every line break C# knows
    /// (U+0085, U+2028, U+2029 end a <c>///</c> line as <c>\n</c> does) becomes <c>\n</c>; other control characters
    /// (not allowed in XML) become spaces, lone surrogates U+FFFD.
    /// </summary>
    private static int Normalize(char[] text, int length, char[] into)
    {
        var written = 0;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            {
                continue;
            }

            into[written++] = Text.IsLineBreak(c) ? '\n' : c == '\t' ? c : Text.IsControl(c) ? ' ' : Text.IsLoneSurrogate(new ReadOnlySpan<char>(text, 0, length), i) ? '\ufffd' : c;
        }

        return written;
    }

    // The emitters' own markup (<see cref=.../>, <paramref .../>, <c>, <para/>) passes through;
    // any other '<' is text from the spec and is escaped.
    private static readonly string[] MarkupStarts = { "<see ", "<paramref ", "<c>", "</c>", "<para/>" };

    private static bool IsMarkup(char[] text, int index, int end)
    {
        foreach (var start in MarkupStarts)
        {
            if (end - index >= start.Length && StartsWith(text, index, start))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWith(char[] text, int index, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (text[index + i] != value[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The characters <see cref="Inline"/> may write otherwise than as they are.</summary>
    private const string Specials = "`*&<>";

    /// <summary>The first of <see cref="Specials"/> in <c>text[start..end]</c>, or <paramref name="end"/>.</summary>
    private static int NextSpecial(char[] text, int start, int end)
    {
        var found = new ReadOnlySpan<char>(text, start, end - start).IndexOfAny(Specials.AsSpan());
        return found < 0 ? end : start + found;
    }

    /// <summary>
    /// Writes the line <c>text[start..end]</c> with its markup turned into XML into <paramref name="into"/> (only
    /// counts when it is null); returns the number of characters.
    /// </summary>
    private static int Inline(char[] text, int start, int end, StringBuilder? into)
    {
        var count = 0;
        var inCode = false;
        var inTag = false;
        for (var i = start; i < end; i++)
        {
            // A run of characters that are written as they are goes in at once.
            var run = NextSpecial(text, i, end);
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
