using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qiwi.Generator.Fuzz;

/// <summary>
/// Runs seed ranges in child processes (<c>dotnet Qiwi.Generator.Fuzz.dll run ...</c>), many mutants per child.
/// A child prints <c>BEGIN seed</c> before each mutant and <c>RESULT json</c> after it, so when a child dies
/// (a stack overflow kills the process, whatever catches it) the last BEGIN names the mutant: it is recorded as a
/// "crash" failure and the rest of the batch runs in a new child. A mutant that prints nothing for
/// <see cref="MutantTimeout"/> is killed and recorded as a "timeout".
/// </summary>
public sealed class FuzzSupervisor(string specPath)
{
    public static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Generous: a loaded CI machine can take a minute to start a child; a real hang is far longer.</summary>
    public TimeSpan MutantTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; init; } = 100;

    /// <summary>A seed on which every child fails fast, as a stack overflow would kill it (tests of the supervisor); null for none.</summary>
    /// <remarks>Passed to the children alone: setting it on this process would reach every child any test starts.</remarks>
    public int? CrashSeed { get; init; }

    /// <summary>Told of every result as it arrives (progress of a long run); null for none.</summary>
    public Action<CheckResult>? Progress { get; init; }

    /// <summary>The fuzzer's own assembly, run with the same dotnet as this process.</summary>
    public static string RunnerPath => typeof(FuzzSupervisor).Assembly.Location;

    public List<CheckResult> Run(int from, int count)
    {
        var results = new List<CheckResult>();
        var next = from;
        var end = from + count;
        while (next < end)
        {
            next = RunChild(next, Math.Min(BatchSize, end - next), results);
        }

        return results;
    }

    private void Add(List<CheckResult> results, CheckResult result)
    {
        results.Add(result);
        Progress?.Invoke(result);
    }

    /// <summary>Runs one child on [from, from + count); returns the next seed to run.</summary>
    private int RunChild(int from, int count, List<CheckResult> results)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (!Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
        }

        foreach (var argument in new[] { RunnerPath, "run", specPath, from.ToString(System.Globalization.CultureInfo.InvariantCulture), count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        if (CrashSeed is { } crash)
        {
            start.Environment["QIWI_FUZZ_CRASH_SEED"] = crash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start " + RunnerPath);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                if (e.Data is not null && stderr.Length < 4000)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        int? current = null;
        var done = 0;
        while (true)
        {
            var read = process.StandardOutput.ReadLineAsync();
            if (!read.Wait(MutantTimeout))
            {
                process.Kill(entireProcessTree: true);
                var seed = current ?? from;
                Add(results, new CheckResult(seed, SpecMutator.KindOf(seed), MutantTimeout.TotalMilliseconds, "timeout", "no result within " + MutantTimeout, 0, false));
                return seed + 1;
            }

            var line = read.Result;
            if (line is null)
            {
                break;
            }

            if (line.StartsWith("BEGIN ", StringComparison.Ordinal))
            {
                current = int.Parse(line.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                var result = JsonSerializer.Deserialize<CheckResult>(line.AsSpan(7), Json)!;
                results.Add(result);
                Progress?.Invoke(result);
                current = null;
                done++;
            }
        }

        process.WaitForExit();
        if (current is int crashed)
        {
            string tail;
            lock (stderr)
            {
                tail = stderr.ToString();
            }

            var firstLine = tail.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no output";
            Add(results, new CheckResult(crashed, SpecMutator.KindOf(crashed), 0, "crash", "the child exited with " + process.ExitCode + ": " + firstLine, 0, false));
            return crashed + 1;
        }

        if (done != count)
        {
            throw new InvalidOperationException("The fuzz child exited with " + process.ExitCode + " after " + done + " of " + count + " mutants and no mutant running: " + stderr);
        }

        return from + count;
    }
}
