using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qiwi.Generator.Parsing;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.Interruption;

/// <summary>
/// Drivers on a few worker threads, as an IDE runs them: each worker edits its spec (one of a seeded list) and runs
/// its driver, and most runs are cut short: cancelled at a checkpoint, cancelled by the host's options when read,
/// cancelled from a timer, faulted at a checkpoint, or failed by the host's text. A cancelled run is dropped (the
/// worker goes on from its last finished driver, as an IDE does); every finished run must give exactly what the
/// spec gives in a fresh run, and the shared pattern-validity cache stays bounded and holds only right answers.
/// </summary>
public sealed class InterruptedRunTests
{
    private const int Workers = 4;
    private const int Steps = 120;

    [Fact]
    public void Concurrent_drivers_mixing_cut_and_finished_runs_give_what_fresh_runs_give()
    {
        var salt = Guid.NewGuid().ToString("N").Substring(0, 8); // patterns new to this process
        var specs = Enumerable.Range(0, 8).Select(i => Variant(i, salt)).Append(GeneratorHarness.RealSpec).ToList();
        var fresh = specs.Select(spec => RunFingerprint.Of(GeneratorHarness.ForSpec(spec).Run())).ToList();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(InvalidPatterns(specs[i]), Occurrences(fresh[i], "QIWI0004"));
        }

        var failures = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var threads = Enumerable.Range(0, Workers).Select(worker => new Thread(() =>
        {
            try
            {
                Work(worker, specs, fresh, failures, outcomes);
            }
            catch (Exception exception)
            {
                failures.Enqueue("worker " + worker + ": " + exception);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        foreach (var outcome in new[] { "finished", "cancelled at a checkpoint", "cancelled by the options", "faulted", "host failed" })
        {
            Assert.True(outcomes.GetValueOrDefault(outcome) > 0, outcome + " never happened: " + string.Join(", ", outcomes));
        }

        var known = (PatternValidityCache)typeof(SchemaReader).GetField("KnownPatterns", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var entries = (ConcurrentDictionary<string, bool>)typeof(PatternValidityCache).GetField("_known", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(known)!;
        Assert.InRange(entries.Count, 1, known.MaxCount);
        Assert.All(entries, entry => Assert.Equal(FastPaths.ConcurrentReadTests.IsValid(entry.Key), entry.Value));
        // The cache is the process's (other tests fill it): it took this test's patterns unless it was full.
        Assert.True(entries.Count == known.MaxCount || entries.Keys.Any(pattern => pattern.Contains(salt, StringComparison.Ordinal)), "a cache with room did not take a new pattern");
    }

    private static void Work(int worker, List<string> specs, List<string> fresh, ConcurrentQueue<string> failures, ConcurrentDictionary<string, int> outcomes)
    {
        var random = new Random(7100 + worker);
        var options = new CancellingOptions();
        AdditionalText current = new TestAdditionalText(GeneratorHarness.SpecPath, specs[0]);
        var harness = new GeneratorHarness(new[] { current });
        var driver = harness.Driver.WithUpdatedAnalyzerConfigOptions(options);
        var compilation = harness.Compilation;
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);
        for (var step = 0; step < Steps && failures.IsEmpty; step++)
        {
            var index = random.Next(specs.Count);
            var mode = random.Next(6);
            var text = new TestAdditionalText(GeneratorHarness.SpecPath, specs[index], mode == 5 ? new IOException("the disk went away") : null);
            var edited = driver.ReplaceAdditionalText(current, text);
            using var cancellation = new CancellationTokenSource();
            var passed = 0;
            var at = 1 + random.Next(40);
            Checkpoint.t_hook = mode switch
            {
                1 => _ =>
                {
                    if (++passed == at)
                    {
                        cancellation.Cancel();
                    }
                },
                4 => kind =>
                {
                    if (++passed == at)
                    {
                        throw new InvalidOperationException("fault at " + kind);
                    }
                },
                _ => null,
            };
            options.CancelAt(mode == 2 ? cancellation : null, 1 + random.Next(12));
            if (mode == 3)
            {
                cancellation.CancelAfter(random.Next(4));
            }

            GeneratorDriver after;
            try
            {
                after = edited.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                outcomes.AddOrUpdate(mode switch { 1 => "cancelled at a checkpoint", 2 => "cancelled by the options", _ => "cancelled by a timer" }, 1, (_, n) => n + 1);
                continue; // the run is dropped; the driver stays as it was
            }
            finally
            {
                Checkpoint.t_hook = null;
                options.CancelAt(null, 0);
            }

            var result = after.GetRunResult().Results.Single();
            if (result.Exception is not null)
            {
                failures.Enqueue("worker " + worker + " step " + step + ": the generator threw " + result.Exception);
                return;
            }

            if (mode == 5 || (mode == 4 && passed >= at))
            {
                // A QIWI9999 run: kept by no one (an unchanged spec would keep its cached QIWI9999), the next run starts before it.
                if (!result.Diagnostics.Any(d => d.Id == "QIWI9999"))
                {
                    failures.Enqueue("worker " + worker + " step " + step + ": a fault without QIWI9999");
                }

                outcomes.AddOrUpdate(mode == 5 ? "host failed" : "faulted", 1, (_, n) => n + 1);
                continue;
            }

            var seen = RunFingerprint.Of(result);
            if (seen != fresh[index])
            {
                failures.Enqueue("worker " + worker + " step " + step + " (mode " + mode + "): spec " + index + " gave another output than a fresh run");
                return;
            }

            outcomes.AddOrUpdate("finished", 1, (_, n) => n + 1);
            driver = after;
            current = text;
        }
    }

    /// <summary>MiniSpec with 24 pattern properties, a fifth of them invalid .NET patterns, and a literal block.</summary>
    private static string Variant(int index, string salt)
    {
        var random = new Random(9100 + index);
        var properties = new StringBuilder();
        for (var k = 0; k < 24; k++)
        {
            var pattern = random.Next(5) switch
            {
                0 => "[" + salt + "-" + index + "_" + k, // unclosed class
                1 => "^(" + salt + "|v" + index + ")_" + k + "[0-9]{1," + (1 + random.Next(5)) + "}$",
                2 => "^" + salt + "\\d{" + index + "}" + k + "$",
                3 => "(?<" + salt + ">x)\\k<" + (k % 2 == 0 ? salt : "other" + k) + ">", // a back-reference to a missing group when k is odd
                _ => "^[a-z" + salt + "]+_" + index + "_" + k + "(-[0-9]+)?$",
            };
            properties.Append("        p").Append(k).Append(":\n          type: string\n          pattern: '").Append(pattern).Append("'\n");
        }

        var text = MiniSpec.Replace(
            "        size:\n          type: integer",
            "        size:\n          type: integer\n          description: |\n            Size of item " + index + ",\n            in units.\n" + properties);
        return index % 2 == 0 ? text : text.Replace("\n", "\r\n", StringComparison.Ordinal);
    }

    private static int InvalidPatterns(string spec)
        => Regex.Matches(spec, "pattern: '([^']*)'").Count(match => !FastPaths.ConcurrentReadTests.IsValid(match.Groups[1].Value));

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Options that cancel the worker's current run the n-th time a value is read from them (an IDE's options changing under a run).</summary>
    private sealed class CancellingOptions : AnalyzerConfigOptionsProvider
    {
        private CancellationTokenSource? _cancellation;
        private int _reads;

        public void CancelAt(CancellationTokenSource? cancellation, int reads)
        {
            _cancellation = cancellation;
            _reads = reads;
        }

        public override AnalyzerConfigOptions GlobalOptions => new Options(this, new Dictionary<string, string> { ["build_property.RootNamespace"] = "Demo" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(this, new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(this, new Dictionary<string, string>());

        private void Read()
        {
            if (_cancellation is not null && --_reads == 0)
            {
                _cancellation.Cancel();
            }
        }

        private sealed class Options(CancellingOptions owner, Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                owner.Read();
                return values.TryGetValue(key, out value!);
            }
        }
    }
}
