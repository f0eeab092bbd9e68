using System.Globalization;
using System.Text;

namespace Qiwi.Generator.Fuzz;

/// <summary>The figures docs/reliability.md records: mutants tried, failures by kind, time per run.</summary>
public static class FuzzReport
{
    public static string Markdown(IReadOnlyList<CheckResult> results, int from)
    {
        var builder = new StringBuilder();
        var times = results.Where(r => r.Milliseconds > 0).Select(r => r.Milliseconds).Order().ToList();
        var seeds = results.Count == 0 ? "no seeds" : "seeds " + results.Min(r => r.Seed) + ".." + results.Max(r => r.Seed);
        builder.AppendLine(CultureInfo.InvariantCulture, $"{results.Count} mutants ({seeds}, from {from}), {results.Count(r => r.Failure is not null)} failures; time per run p50 {Percentile(times, 0.50):0.0} ms, p99 {Percentile(times, 0.99):0.0} ms, max {(times.Count == 0 ? 0 : times[^1]):0.0} ms.");
        builder.AppendLine();
        builder.AppendLine("| Kind | Mutants | With QIWI errors | Generated code checked | Failures | p50 ms | p99 ms |");
        builder.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Kind).OrderBy(g => g.Key))
        {
            var kindTimes = group.Select(r => r.Milliseconds).Order().ToList();
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {group.Count(r => r.Diagnostics > 0)} | {group.Count(r => r.Diagnostics == 0 && r.Failure is null)} | {group.Count(r => r.Failure is not null)} | {Percentile(kindTimes, 0.5):0.0} | {Percentile(kindTimes, 0.99):0.0} |");
        }

        foreach (var failure in results.Where(r => r.Failure is not null).Take(20))
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"- seed {failure.Seed} ({failure.Kind}): {failure.Failure}: {failure.Detail}");
        }

        return builder.ToString();
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
        => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Count) - 1)];
}
