using System.Globalization;
using System.Text;

namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>The figures of a chaos run, as docs/reliability.md quotes them.</summary>
internal static class ChaosSummary
{
    public static string Describe(ChaosSettings settings, ChaosReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"chaos seed={settings.Seed} mode={settings.Mode} workers={settings.Workers} elapsed={report.Elapsed.TotalSeconds:0.0}s");
        foreach (var kind in report.Calls.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Key}: {kind.Count()} calls, {kind.Count(c => c.Outcome == CallOutcome.Success)} done, {kind.Count(c => c.Outcome == CallOutcome.Unknown)} unknown, {kind.Count(c => c.Outcome == CallOutcome.Failed)} failed");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  faults: {report.RequestsCovered} API requests (status reads included) under a schedule faulting 1 in 4; scheduled: {report.Faults.Values.Sum()} ({string.Join("; ", report.Faults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + " x" + f.Value))})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  ledger: {report.Ledger.Count} invoices, {report.Ledger.Sum(i => i.Refunds.Count)} refunds; escaped exceptions: {report.Escaped.Count}; violations: {ChaosInvariants.Check(report.Calls, report.Ledger).Count}");
        return text.ToString();
    }
}
