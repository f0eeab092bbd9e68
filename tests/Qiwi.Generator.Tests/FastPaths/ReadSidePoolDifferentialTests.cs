using Qiwi.Generator.Diagnostics;
using Qiwi.Generator.Parsing;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The read side's small fast structures against the simple code they replace, on seeded random inputs:
/// <see cref="SlicePool"/> against <see cref="string.Substring(int, int)"/> (same text, one object per distinct
/// slice, also across its growth and from load to load), and <see cref="NodeSet"/> against a
/// <see cref="HashSet{T}"/> of nodes (the same answers for chains shorter and longer than its array), and
/// <see cref="YamlKey"/>'s compact span against the span it was given (one-line and any other).
/// </summary>
public sealed class ReadSidePoolDifferentialTests
{
    [Fact]
    public void Slices_are_the_substrings_and_equal_slices_are_one_string()
    {
        var random = new Random(2718);
        var repeats = 0;
        var shared = 0;
        for (var round = 0; round < 40; round++)
        {
            // A small alphabet makes repeats and hash collisions common; long texts make the table grow.
            var alphabet = round % 2 == 0 ? "ab" : "abcdefghijklmnopqrstuvwxyz_-: '\"é";
            var chars = new char[random.Next(0, 4000)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var pool = SlicePool.Rent();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                for (var i = 0; i < 3000; i++)
                {
                    var start = random.Next(0, text.Length + 1);
                    var length = random.Next(0, Math.Min(text.Length - start, SlicePool.MaxLength + 8) + 1);
                    var expected = text.Substring(start, length);
                    var actual = pool.Get(text, start, length);
                    Assert.Equal(expected, actual);
                    if (length > SlicePool.MaxLength)
                    {
                        continue;
                    }

                    if (seen.TryGetValue(expected, out var first))
                    {
                        // A slice the pool took comes back as the same string; one it declined (too many collisions) is still equal.
                        repeats++;
                        shared += ReferenceEquals(first, actual) ? 1 : 0;
                    }
                    else
                    {
                        seen[expected] = actual;
                    }
                }
            }
            finally
            {
                SlicePool.Return(pool);
            }
        }

        Assert.True(shared > repeats / 2, "only " + shared + " of " + repeats + " repeated slices shared one string: the pool would prove little");
    }

    [Fact]
    public void Slices_built_to_collide_stay_linear_and_equal()
    {
        // 200,000 distinct slices of one length with the same first, middle and last characters.
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            builder.Append('k').Append((char)('a' + (i % 26))).Append((char)('a' + (i / 26 % 26))).Append('m')
                .Append((char)('a' + (i / 676 % 26))).Append((char)('a' + (i / 17576 % 26))).Append('z');
        }

        var text = builder.ToString();
        var pool = SlicePool.Rent();
        try
        {
            for (var start = 0; start < text.Length; start += 7)
            {
                Assert.Equal(text.Substring(start, 7), pool.Get(text, start, 7));
            }
        }
        finally
        {
            SlicePool.Return(pool);
        }
    }

    [Fact]
    public void A_returned_pool_keeps_no_slice_of_the_last_load()
    {
        var pool = SlicePool.Rent();
        var first = pool.Get(new string('x', 5) + "key", 5, 3);
        SlicePool.Return(pool);
        var again = SlicePool.Rent();
        try
        {
            var second = again.Get("a key", 2, 3);
            Assert.Equal("key", second);
            Assert.NotSame(first, second);
        }
        finally
        {
            SlicePool.Return(again);
        }
    }

    [Fact]
    public void A_node_set_answers_as_a_hash_set_of_nodes()
    {
        var random = new Random(31415);
        var nodes = new YamlNode[40];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new YamlScalar("same", quoted: false, SourceSpan.Empty); // equal content, distinct nodes
        }

        var set = new NodeSet();
        for (var round = 0; round < 500; round++)
        {
            set.Clear();
            var reference = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
            var steps = random.Next(1, 60);
            for (var step = 0; step < steps; step++)
            {
                var node = nodes[random.Next(round % 3 == 0 ? 4 : nodes.Length)];
                if (random.Next(2) == 0)
                {
                    Assert.Equal(reference.Add(node), set.Add(node));
                }
                else
                {
                    Assert.Equal(reference.Contains(node), set.Contains(node));
                }
            }

            foreach (var node in nodes)
            {
                Assert.Equal(reference.Contains(node), set.Contains(node));
            }
        }
    }

    [Fact]
    public void A_key_gives_back_the_text_flag_and_span_it_was_given()
    {
        var random = new Random(16180);
        for (var i = 0; i < 20000; i++)
        {
            var start = random.Next(0, 1_000_000);
            var length = random.Next(0, 300);
            var line = random.Next(0, 50_000);
            var column = random.Next(0, 500);
            var span = random.Next(4) switch
            {
                0 => new SourceSpan(start, start + length, line, column, line + random.Next(1, 3), random.Next(0, 500)), // over lines
                1 => new SourceSpan(start, start + length, line, column, line, column + length + random.Next(-2, 3)), // columns not the length
                2 => new SourceSpan(random.Next(0, 5), random.Next(0, 5), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3)),
                _ => new SourceSpan(start, start + length, line, column, line, column + length), // one line
            };
            var text = "k" + random.Next(1000);
            var quoted = random.Next(2) == 0;
            var key = new YamlKey(text, quoted, span);
            Assert.Equal(text, key.Value);
            Assert.Equal(quoted, key.Quoted);
            Assert.Equal(span, key.Span);
        }
    }
}
