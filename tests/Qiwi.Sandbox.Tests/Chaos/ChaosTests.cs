using Qiwi.Sandbox.Shops;
using Xunit.Abstractions;

namespace Qiwi.Sandbox.Tests.Chaos;

/// <summary>
/// Money safety under faults, seeded and bounded: concurrent workers through the generated client against
/// the sandbox with every fault before and after its ledger commits; then the ledger is read back and every
/// invariant checked. The 10-minute run is benchmarks/chaos.sh (figures in docs/reliability.md).
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(RepeatedRefundId.ExistingRefund, 20260301)]
    [InlineData(RepeatedRefundId.Error, 20260302)]
    public async Task What_the_client_reports_is_what_the_ledger_holds(RepeatedRefundId mode, int seed)
    {
        var settings = ChaosSettings.FromEnvironment(seed, mode);
        var report = await ChaosRun.RunAsync(settings);

        output.WriteLine(ChaosSummary.Describe(settings, report));
        Assert.Empty(report.Escaped.Select(e => e.ToString()));
        Assert.Empty(ChaosInvariants.Check(report.Calls, report.Ledger));
        Assert.True(report.Calls.Count >= settings.Workers, "the run made too few calls to mean anything");
        Assert.Contains(report.Calls, c => c.Kind == "createRefund" && c.Outcome == CallOutcome.Success);
    }
}
