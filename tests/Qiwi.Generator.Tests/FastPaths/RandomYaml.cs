using System.Text;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// Seeded random YAML for the loader: flow maps and sequences, repeated keys, maps past the small-map size,
/// maps and sequences as keys, anchors redefined and used inside themselves, unknown aliases, nesting past the
/// depth limit, several documents and trailing garbage.
/// </summary>
internal static class RandomYaml
{
    private static readonly string[] Scalars = { "a", "b", "1", "~", "null", "''", "\"q\"", "'it''s'", "x y", "\"\\u2028\"" };

    public static string Next(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(8) == 0)
        {
            builder.Append("--- ");
        }

        if (random.Next(30) == 0)
        {
            // Past the depth limit (or just under it).
            var depth = YamlLimitsNear(random);
            builder.Append('[', depth).Append("a").Append(']', depth);
        }
        else
        {
            Node(builder, random, 0);
        }

        switch (random.Next(12))
        {
            case 0:
                builder.Append("\n---\nsecond: document\n");
                break;
            case 1:
                builder.Append("\n]");
                break;
            case 2:
                builder.Append(" {");
                break;
        }

        return builder.ToString();
    }

    private static int YamlLimitsNear(Random random) => Qiwi.Generator.Parsing.YamlLimits.MaxDepth - 2 + random.Next(5);

    private static void Node(StringBuilder builder, Random random, int depth)
    {
        if (random.Next(5) == 0)
        {
            builder.Append("&a").Append(random.Next(4)).Append(' ');
        }

        var choice = depth > 5 ? random.Next(4) : random.Next(10);
        switch (choice)
        {
            case 0 or 1 or 2:
                builder.Append(Scalars[random.Next(Scalars.Length)]);
                break;
            case 3:
                builder.Append("*a").Append(random.Next(5)); // a4 is never defined
                break;
            case 4 or 5 or 6:
                Map(builder, random, depth);
                break;
            default:
                builder.Append('[');
                var count = random.Next(5);
                for (var i = 0; i < count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Node(builder, random, depth + 1);
                }

                builder.Append(']');
                break;
        }
    }

    private static void Map(StringBuilder builder, Random random, int depth)
    {
        builder.Append('{');
        var count = random.Next(4) == 0 ? random.Next(8, 20) : random.Next(5);
        var keys = random.Next(2) == 0 ? 6 : 30; // few distinct keys: repeats
        for (var i = 0; i < count; i++)
        {
            builder.Append(i == 0 ? "" : ", ");
            switch (random.Next(12))
            {
                case 0:
                    builder.Append("[k]"); // a sequence as a key
                    break;
                case 1:
                    builder.Append("*a").Append(random.Next(5)); // an alias as a key
                    break;
                default:
                    builder.Append('k').Append(random.Next(keys));
                    break;
            }

            builder.Append(": ");
            Node(builder, random, depth + 1);
        }

        builder.Append('}');
    }
}
