using System.Text;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// Seeded random block-style YAML of the kind OpenAPI specs are written in, for the fast YAML reader: nested maps
/// and sequences at 1 to 4 spaces, indentless sequences and <c>- key: value</c> entries, plain, quoted and flow
/// values, literal block scalars with blank lines, comments everywhere, repeated keys, trailing spaces and a
/// missing last line break; then, often, a few characters inserted or deleted at random places (indicators, quotes,
/// spaces, line breaks, tabs) so that both sides of the subset's edge are hit.
/// </summary>
internal static class RandomBlockYaml
{
    private static readonly string[] Plain =
    {
        "a", "b c", "1", "-1", "0.5", "~", "null", "true", "x:y", "a#b", "http://x/y?z=1", "a  b", "$ref", "[x]y", "ж€", "x-y", "-x", ".5",
        "a,b", "{y}", "a:", "a: b", "%p", "@a", "`t`", "&a x", "*a", "!t x", "? k", "> f", "|-", "- x",
    };

    private static readonly string[] Quoted =
    {
        "''", "'q'", "'it''s'", "'a: b'", "'#x'", "\"\"", "\"dq\"", "\"a 'b'\"", "\"e\\n\"", "'multi\n  line'", "'unclosed", "'x'y",
    };

    private static readonly string[] Flow =
    {
        "[]", "[ ]", "[a]", "[a, b]", "[a,b]", "[ 'x', y ]", "[1, 2, 3]", "{}", "{ }", "[a,]", "[a, [b]]", "{a: 1}", "[a b, c-d]", "[a:b]", "[x] y", "[a]#c",
    };

    private static readonly string[] Noise =
    {
        " ", "  ", "-", ":", "#", "|", ">", "'", "\"", "\n", "\n\n", "[", "]", "{", "}", ",", "&a ", "*a", "!", "?", "\t", "\r\n", "---\n", "...", "\ufeff", "x", "- ",
    };

    public static string Next(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(6) == 0)
        {
            builder.Append("# leading comment\n\n");
        }

        var step = random.Next(1, 5);
        if (random.Next(8) == 0)
        {
            Sequence(builder, random, 0, step, 0);
        }
        else
        {
            Map(builder, random, 0, step, 0, compactFirst: false);
        }

        if (random.Next(4) == 0)
        {
            builder.Append(random.Next(3) switch { 0 => "# tail", 1 => "\n\n", _ => "   " });
        }

        var text = builder.ToString();
        if (random.Next(3) == 0 && text.EndsWith('\n'))
        {
            text = text.TrimEnd('\n');
        }

        var mutations = random.Next(3) == 0 ? 0 : random.Next(1, 4);
        for (var i = 0; i < mutations && text.Length > 0; i++)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) == 0
                ? text.Remove(at, Math.Min(random.Next(1, 3), text.Length - at))
                : text.Insert(at, Noise[random.Next(Noise.Length)]);
        }

        return text;
    }

    private static void Map(StringBuilder builder, Random random, int indent, int step, int depth, bool compactFirst)
    {
        var count = random.Next(1, depth > 3 ? 3 : 6);
        var keys = random.Next(2) == 0 ? 4 : 40;
        for (var i = 0; i < count; i++)
        {
            if (i > 0 || !compactFirst)
            {
                Filler(builder, random, indent);
                builder.Append(' ', indent);
            }

            builder.Append(random.Next(8) switch
            {
                0 => "'k" + random.Next(keys) + "'",
                1 => "\"" + random.Next(300, 310) + "\"",
                2 => "/p/{id}",
                _ => "k" + random.Next(keys),
            });
            if (random.Next(15) == 0)
            {
                builder.Append(' ');
            }

            builder.Append(':');
            Value(builder, random, indent, step, depth, inMap: true);
        }
    }

    private static void Sequence(StringBuilder builder, Random random, int indent, int step, int depth)
    {
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            Filler(builder, random, indent);
            builder.Append(' ', indent).Append('-');
            if (depth < 4 && random.Next(3) == 0)
            {
                // - key: value, the map's keys in line with the first one.
                var spaces = random.Next(1, 3);
                builder.Append(' ', spaces);
                Map(builder, random, indent + 1 + spaces, step, depth + 1, compactFirst: true);
            }
            else
            {
                Value(builder, random, indent, step, depth, inMap: false);
            }
        }
    }

    private static void Value(StringBuilder builder, Random random, int indent, int step, int depth, bool inMap)
    {
        var choice = depth > 4 ? random.Next(5) : random.Next(9);
        switch (choice)
        {
            case 0 or 1:
                builder.Append(' ').Append(Pick(Plain, random, common: 4)).Append(Comment(random)).Append('\n');
                break;
            case 2:
                builder.Append(' ').Append(Pick(Quoted, random, common: 3)).Append(Comment(random)).Append('\n');
                break;
            case 3:
                builder.Append(' ').Append(Pick(Flow, random, common: 9)).Append(Comment(random)).Append('\n');
                break;
            case 4:
                Literal(builder, random, indent, step);
                break;
            case 5:
                builder.Append(Comment(random)).Append('\n'); // empty
                break;
            case 6 or 7:
                builder.Append(Comment(random)).Append('\n');
                Map(builder, random, indent + step, step, depth + 1, compactFirst: false);
                break;
            default:
                builder.Append(Comment(random)).Append('\n');
                var indentless = inMap && random.Next(2) == 0;
                Sequence(builder, random, indentless ? indent : indent + step, step, depth + 1);
                break;
        }
    }

    private static void Literal(StringBuilder builder, Random random, int indent, int step)
    {
        builder.Append(" |").Append(random.Next(6) == 0 ? " # c" : "").Append('\n');
        var content = indent + step + (random.Next(5) == 0 ? 1 : 0);
        var lines = random.Next(1, 5);
        for (var i = 0; i < lines; i++)
        {
            switch (i == 0 ? 3 : random.Next(6))
            {
                case 0:
                    builder.Append('\n');
                    break;
                case 1:
                    builder.Append(' ', random.Next(content + 2)).Append('\n');
                    break;
                case 2:
                    builder.Append(' ', content + 1 + random.Next(2)).Append("deeper # not a comment\n");
                    break;
                default:
                    builder.Append(' ', content).Append(Pick(Plain, random, common: 6)).Append(random.Next(8) == 0 ? "  " : "").Append('\n');
                    break;
            }
        }
    }

    private static void Filler(StringBuilder builder, Random random, int indent)
    {
        switch (random.Next(10))
        {
            case 0:
                builder.Append('\n');
                break;
            case 1:
                builder.Append(' ', random.Next(indent + 3)).Append("# comment: - [x]\n");
                break;
            case 2:
                builder.Append(' ', random.Next(4)).Append('\n');
                break;
        }
    }

    private static string Comment(Random random) => random.Next(6) switch
    {
        0 => " # note: x",
        1 => "   ",
        _ => "",
    };

    /// <summary>One of <paramref name="items"/>, the first <paramref name="common"/> ones (inside the subset) more often.</summary>
    private static string Pick(string[] items, Random random, int common)
        => items[random.Next(2) == 0 ? random.Next(Math.Min(common, items.Length)) : random.Next(items.Length)];
}
