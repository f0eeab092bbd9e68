using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.FastPaths;

/// <summary>
/// The read side's shared state under concurrent generator runs on different specs: the per-thread pools
/// (<see cref="SlicePool"/>, the tree builder's frames, the scratch builder of literal blocks, the name buffer)
/// and the static cross-run cache of pattern validity. Workers run seeded, shuffled lists of specs at once (LF and
/// CRLF, literal blocks, patterns valid, invalid and too deep, more distinct patterns than the cache keeps); every
/// run must give what the same spec gives run alone, each invalid pattern must be QIWI0004 exactly when .NET
/// refuses it, and the cache must stay bounded.
/// </summary>
public sealed class ConcurrentReadTests
{
    private const int Workers = 4;

    [Fact]
    public void Concurrent_runs_on_different_specs_give_what_each_gives_alone()
    {
        var salt = Guid.NewGuid().ToString("N").Substring(0, 8); // patterns new to this process: the cache starts cold for them
        var specs = new List<(string Text, int Invalid)>();
        for (var i = 0; i < 16; i++)
        {
            var (text, invalid) = Variant(i, salt);
            specs.Add((i % 2 == 0 ? text : text.Replace("\n", "\r\n", StringComparison.Ordinal), invalid));
        }

        specs.Add((GeneratorHarness.RealSpec, 0));

        var concurrent = new ConcurrentDictionary<int, ConcurrentBag<string>>();
        var failures = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
        {
            try
            {
                var random = new Random(4242 + worker);
                for (var round = 0; round < 2; round++)
                {
                    foreach (var index in Enumerable.Range(0, specs.Count).OrderBy(_ => random.Next()))
                    {
                        concurrent.GetOrAdd(index, _ => new ConcurrentBag<string>()).Add(Fingerprint(specs[index].Text));
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        for (var index = 0; index < specs.Count; index++)
        {
            var alone = Fingerprint(specs[index].Text);
            Assert.Equal(Workers * 2, concurrent[index].Count);
            Assert.All(concurrent[index], seen => Assert.Equal(alone, seen));
            Assert.Equal(specs[index].Invalid, CountOccurrences(alone, "QIWI0004"));
        }

        // The bound is exact: a slot is reserved before each add, so racing workers cannot pass it.
        var known = (PatternValidityCache)typeof(SchemaReader).GetField("KnownPatterns", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(512, known.MaxCount);
        Assert.InRange(known.Count, 1, known.MaxCount);
    }

    [Fact]
    public void The_pattern_cache_never_holds_more_than_its_bound_under_racing_adds()
    {
        // A small cache filled by racing workers, each offering the same new patterns in its own order (so adds of
        // one pattern race and lose), many times over: never more entries than the bound, and afterwards one
        // quiet pass fills it exactly to the bound (no slot leaked by a lost add) with every answer as offered.
        const int Bound = 32;
        const int Distinct = 3 * Bound;
        var patterns = Enumerable.Range(0, Distinct).Select(i => "^p" + i + "$").ToArray();
        for (var round = 0; round < 200; round++)
        {
            var cache = new PatternValidityCache(Bound, maxLength: 16);
            using var start = new Barrier(Workers);
            var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
            {
                var order = new Random(round * Workers + worker);
                var mine = patterns.OrderBy(_ => order.Next()).ToArray();
                start.SignalAndWait();
                foreach (var pattern in mine)
                {
                    // Half the workers look first, as the reader does; the others offer every pattern, so adds lose often.
                    if (worker % 2 == 1 || !cache.TryGet(pattern, out _))
                    {
                        cache.Remember(pattern, pattern.Length % 2 == 0);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.InRange(cache.Count, 1, Bound);

            foreach (var pattern in patterns)
            {
                cache.Remember(pattern, pattern.Length % 2 == 0);
            }

            Assert.Equal(Bound, cache.Count);
            Assert.All(patterns, pattern => Assert.True(!cache.TryGet(pattern, out var valid) || valid == (pattern.Length % 2 == 0)));
        }
    }

    [Fact]
    public void The_pattern_cache_skips_patterns_longer_than_its_limit()
    {
        var cache = new PatternValidityCache(maxCount: 4, maxLength: 8);
        cache.Remember("12345678", true);
        cache.Remember("123456789", true);
        Assert.True(cache.TryGet("12345678", out _));
        Assert.False(cache.TryGet("123456789", out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Yaml_loaded_on_racing_threads_is_the_tree_loaded_alone()
    {
        // Many small loads at once make the per-thread spares (slice pool, frames, scratch builder) change hands as
        // often as possible: a spare handed to two threads at once would mix their trees.
        var random = new Random(6060);
        var cases = Enumerable.Range(0, 200).Select(i =>
        {
            var text = i % 2 == 0 ? RandomYaml.Next(random) : RandomBlockYaml.Next(random);
            return i % 4 < 2 ? text : text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }).Select(text => (Text: text, Alone: Load(text))).ToList();

        var failures = new ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
        {
            var order = new Random(worker);
            for (var i = 0; i < 1500 && failures.IsEmpty; i++)
            {
                var (text, alone) = cases[order.Next(cases.Count)];
                if (Load(text) != alone)
                {
                    failures.Enqueue("worker " + worker + " loaded another tree for\n" + text);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
    }

    private static string Load(string text)
    {
        var diagnostics = new List<Diagnostics.DiagnosticInfo>();
        var root = YamlLoader.Load("/ref.yaml", text, diagnostics);
        return (root is null ? "(none)" : YamlDump.Of(root)) + "\n" + string.Join("; ", diagnostics);
    }

    /// <summary>MiniSpec with 40 pattern properties (one in five invalid or nested too deep) and a literal block.</summary>
    private static (string Text, int Invalid) Variant(int index, string salt)
    {
        var random = new Random(9000 + index);
        var properties = new StringBuilder();
        var invalid = 0;
        for (var k = 0; k < 40; k++)
        {
            var pattern = random.Next(5) switch
            {
                0 => "[" + salt + "-" + index + "_" + k, // unclosed class
                1 => new string('(', 70) + salt + index + "x" + k + new string(')', 70), // deeper than the reader allows
                2 => "^(" + salt + "|v" + index + ")_" + k + "[0-9]{1," + (1 + random.Next(5)) + "}$",
                3 => "^" + salt + "\\d{" + index + "}" + k + "$",
                _ => "^[a-z" + salt + "]+_" + index + "_" + k + "(-[0-9]+)?$",
            };
            var refused = pattern.Count(c => c == '(') > 64 || !IsValid(pattern);
            invalid += refused ? 1 : 0;
            properties.Append("        p").Append(k).Append(":\n          type: string\n          pattern: '").Append(pattern).Append("'\n");
        }

        var text = MiniSpec.Replace(
            "        size:\n          type: integer",
            "        size:\n          type: integer\n          description: |\n            Size of item " + index + ",\n            in units.\n" + properties);
        return (text, invalid);
    }

    /// <summary>Whether .NET compiles <paramref name="pattern"/> (what QIWI0004 must agree with).</summary>
    internal static bool IsValid(string pattern)
    {
        try
        {
            _ = new Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Fingerprint(string spec)
    {
        var result = GeneratorHarness.ForSpec(spec).Run();
        Assert.Null(result.Exception);
        var text = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            text.Append(diagnostic.Id).Append(' ').Append(diagnostic.Location.GetLineSpan()).Append(' ').Append(diagnostic.GetMessage()).Append('\n');
        }

        foreach (var source in result.GeneratedSources)
        {
            text.Append("// ").Append(source.HintName).Append('\n').Append(source.SourceText).Append('\n');
        }

        return text.ToString();
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
