using System.Text;

namespace Qiwi.Generator.Emit;

/// <summary>
/// Constant lines an emitter writes as one piece (<see cref="CodeWriter.Write(CodeBlock)"/>): for each depth it is written
/// at, the lines with that depth's indentation are made once and kept, so writing them again is one append.
/// </summary>
/// <remarks>
/// The text is lines separated by '\n', written as <see cref="CodeWriter"/> writes them one by one: a line that starts
/// with '}' closes a block (one level less, as <see cref="CodeWriter.Close"/>), a line "{" opens one (one level more, as
/// <see cref="CodeWriter.Open(string)"/>), and spaces at a line's start are kept after the depth's indentation (a
/// <c>case</c>'s body); an empty line is written empty. The writer's depth after the block is its depth before plus
/// the levels the block leaves open. CodeBlockTests writes each block line by line through the writer too and expects
/// the same text.
/// </remarks>
internal sealed class CodeBlock
{
    private const int KeptDepths = 12;

    private readonly string[] _lines;
    private readonly string?[] _atDepth = new string?[KeptDepths];

    public CodeBlock(string text)
    {
        _lines = text.Split('\n');
        foreach (var line in _lines)
        {
            Depth += Opens(line) ? 1 : Closes(line) ? -1 : 0;
        }
    }

    /// <summary>
    /// The doc comment lines <paramref name="write"/> writes (<see cref="XmlDoc"/> of a constant text), made once: they
    /// are the very lines XmlDoc writes, without its work each time.
    /// </summary>
    public static CodeBlock Docs(System.Action<CodeWriter> write)
    {
        var text = CodeWriter.LinesOf(write);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("///", System.StringComparison.Ordinal))
            {
                throw new System.ArgumentException("A doc block has a line that is not a doc comment: " + line, nameof(write));
            }
        }

        return new CodeBlock(text);
    }

    /// <summary>The levels the block leaves open (negative when it closes more than it opens).</summary>
    public int Depth { get; }

    /// <summary>The lines as <see cref="CodeWriter.Line(string)"/> would write them one after the other.</summary>
    internal string[] Lines => _lines;

    /// <summary>The block written at <paramref name="depth"/>: each line its '\n' then its indentation and text.</summary>
    public string At(int depth)
    {
        if ((uint)depth >= KeptDepths)
        {
            return Make(depth);
        }

        // Two threads that make the same depth at once make the same string; either may be kept.
        return _atDepth[depth] ??= Make(depth);
    }

    private string Make(int depth)
    {
        var builder = new StringBuilder();
        foreach (var line in _lines)
        {
            if (Closes(line))
            {
                depth--;
            }

            builder.Append('\n');
            if (line.Length > 0)
            {
                builder.Append(' ', depth * 4).Append(line);
            }

            if (Opens(line))
            {
                depth++;
            }
        }

        return builder.ToString();
    }

    internal static bool Opens(string line) => line == "{";

    internal static bool Closes(string line) => line.Length > 0 && line[0] == '}';
}
