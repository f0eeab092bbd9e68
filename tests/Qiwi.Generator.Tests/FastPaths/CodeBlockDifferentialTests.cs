using Qiwi.Generator.Emit;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// <see cref="CodeWriter.Write(CodeBlock)"/> (constant lines made once per depth and written in one append) against the
/// same lines written one by one through the writer (<see cref="CodeWriter.Line(string)"/>, <see cref="CodeWriter.Open(string)"/>,
/// <see cref="CodeWriter.Close"/>), on seeded random blocks at several depths with lines written before and after: the same
/// text, and the writer left at the same depth. Also the doc blocks: <see cref="CodeBlock.Docs"/> of random text is what
/// <see cref="XmlDoc"/> writes at every depth.
/// </summary>
public sealed class CodeBlockDifferentialTests
{
    private static readonly string[] Lines = { "a;", "return x;", "", "{", "}", "};", "} while (x);", "    break;", "        y = 1;", "case 1:", "/// <summary>x</summary>", "}}" };

    [Fact]
    public void A_block_writes_what_its_lines_write_one_by_one()
    {
        var random = new Random(1605);
        for (var i = 0; i < 5_000; i++)
        {
            var depth = random.Next(0, 15);
            var lines = new List<string>();
            var open = 0;
            for (var count = random.Next(1, 12); lines.Count < count;)
            {
                var line = Lines[random.Next(Lines.Length)];

                // A block never closes more than the depth it is written at.
                if (line.StartsWith('}') && open == -depth)
                {
                    continue;
                }

                open += line == "{" ? 1 : line.StartsWith('}') ? -1 : 0;
                lines.Add(line);
            }

            var block = new CodeBlock(string.Join("\n", lines));
            var fast = Writer(depth);
            var simple = Writer(depth);
            fast.Write(block).Line("after;");
            foreach (var line in lines)
            {
                if (line == "{")
                {
                    simple.Line("{").Indent();
                }
                else if (line.StartsWith('}'))
                {
                    simple.Close(line.Substring(1));
                }
                else
                {
                    simple.Line(line);
                }
            }

            simple.Line("after;");
            Assert.Equal(open, block.Depth);
            Assert.True(simple.ToString() == fast.ToString(), "case " + i + " at depth " + depth + ": " + string.Join(" | ", lines));
        }
    }

    [Fact]
    public void A_doc_block_writes_what_XmlDoc_writes()
    {
        var random = new Random(1606);
        for (var i = 0; i < 3_000; i++)
        {
            var text = RandomText.Next(random, i % 3 == 0 ? 60 : 12);
            var depth = random.Next(0, 14);
            var fast = Writer(depth);
            var simple = Writer(depth);
            fast.Write(CodeBlock.Docs(w => XmlDoc.Summary(w, text)));
            XmlDoc.Summary(simple, text);
            Assert.True(simple.ToString() == fast.ToString(), "case " + i + " at depth " + depth);
        }
    }

    private static CodeWriter Writer(int depth)
    {
        var writer = new CodeWriter("N");
        writer.Line("before;");
        for (var level = 0; level < depth; level++)
        {
            writer.Indent();
        }

        return writer;
    }
}
