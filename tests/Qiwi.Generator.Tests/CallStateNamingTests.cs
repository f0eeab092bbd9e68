using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// A call's payload check and status read are static lambdas given the arguments and the client as a state
/// argument. Parameters named like what those lambdas name themselves (the client, the state) or like a keyword
/// still give code that compiles without warnings and passes the right values.
/// </summary>
public sealed partial class CallStateNamingTests
{
    [Fact]
    public void Parameters_named_client_state_or_a_keyword_compile_and_are_passed_as_state()
    {
        // The invoice's and the refund's ids named "client" and "state" (x-qiwi-name), the amount sent as "class".
        var spec = Word("x-qiwi-name: BillId").Replace(GeneratorHarness.RealSpec, "x-qiwi-name: Client");
        spec = Word("x-qiwi-name: RefundId").Replace(spec, "x-qiwi-name: State");
        spec = Word("amount").Replace(spec, "class");
        var harness = GeneratorHarness.ForSpec(spec);

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        var problems = harness.Output!.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        var client = result.GeneratedSources.Single(s => s.HintName.EndsWith(".QiwiPullClient.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("(client_: this, client, @class)", client, StringComparison.Ordinal);
        Assert.Contains("token => state.client_.GetBillStatusAsync(state.client, token)", client, StringComparison.Ordinal);
        Assert.Contains("token => state.client_.GetRefundStatusAsync(state.client, state.state, token)", client, StringComparison.Ordinal);
        Assert.Contains("check: static (payload, state) => global::Qiwi.Runtime.Serialization.QiwiPayloadChecks.Echo(\"refund_id\", payload.RefundId, state)", client, StringComparison.Ordinal);
    }

    private static Regex Word(string word) => new(@"\b" + word + @"\b");
}
