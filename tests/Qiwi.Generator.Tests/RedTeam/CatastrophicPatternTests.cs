using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator: a catastrophic pattern (<c>^(a+)+$</c>) is a valid regular expression, so the spec is
/// accepted, and the code generated from it checks values from outside (a form a server reads). Before, its Regex had
/// no match timeout: 40 'a's and a '!' kept a thread busy for hours (2^40 steps). Then every pattern field got a
/// timeout, and a value whose check runs out of time is refused as breaking the pattern. Now a pattern the linear-time
/// engine can run is built with it (<c>QiwiPattern.Compile</c>), so such a value gets its true answer; a pattern that
/// engine refuses (here a lookahead) keeps the backtracking engine and the timeout.
/// </summary>
public sealed class CatastrophicPatternTests
{
    private const string Probe = """
        namespace Demo;

        public static class Probe
        {
            public static string ReadForm(string itemId)
            {
                var result = global::Demo.Item.ReadForm(new[] { new global::System.Collections.Generic.KeyValuePair<string, string>("item_id", itemId) });
                return result.Problem is { } problem ? problem.Rule + ": " + problem.Description : "ok";
            }

            public static string Timeout() => global::Demo.MiniPatterns.ItemItemId.MatchTimeout.ToString();

            public static string Options() => global::Demo.MiniPatterns.ItemItemId.Options.ToString();
        }
        """;

    [Fact]
    public void A_catastrophic_pattern_runs_in_linear_time_and_gives_its_true_answer()
    {
        var assembly = GeneratedAssembly.Load(WithPattern("^(a+)+$"), Probe);

        Assert.Equal("CultureInvariant, NonBacktracking", assembly.Call("Demo.Probe", "Options"));
        Assert.Equal(System.Text.RegularExpressions.Regex.InfiniteMatchTimeout.ToString(), assembly.Call("Demo.Probe", "Timeout"));
        Assert.Equal("ok", assembly.Call("Demo.Probe", "ReadForm", new string('a', 100_000)));
        Assert.StartsWith("Pattern: 'item_id' must match ^(a+)+$ (was 'aaaa!')", (string?)assembly.Call("Demo.Probe", "ReadForm", "aaaa!"), StringComparison.Ordinal);

        // 2^100000 steps for the backtracking engine; the true answer (no match), not a timeout, from the linear one.
        var refused = (string?)assembly.Call("Demo.Probe", "ReadForm", new string('a', 100_000) + "!");
        Assert.StartsWith("Pattern: 'item_id' must match ^(a+)+$ (was 'aaaa", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_pattern_the_linear_engine_refuses_is_bounded_by_the_timeout_and_its_value_refused()
    {
        // A lookahead: NonBacktracking cannot run it, so the backtracking engine does, with the timeout.
        var assembly = GeneratedAssembly.Load(WithPattern("^(?=a)(a+)+$"), Probe);

        Assert.Equal("CultureInvariant", assembly.Call("Demo.Probe", "Options"));
        Assert.Equal("00:00:01", assembly.Call("Demo.Probe", "Timeout"));
        Assert.Equal("ok", assembly.Call("Demo.Probe", "ReadForm", "aaaa"));
        var refused = (string?)assembly.Call("Demo.Probe", "ReadForm", new string('a', 40) + "!");
        Assert.StartsWith("Pattern: 'item_id' could not be checked against ^(?=a)(a+)+$ in time", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_argument_whose_pattern_check_runs_out_of_time_is_an_argument_exception()
    {
        var pattern = new System.Text.RegularExpressions.Regex("^(a+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        var exception = Assert.Throws<ArgumentException>(() => Qiwi.Runtime.QiwiGuard.Pattern(new string('a', 40) + "!", "billId", pattern, "^(a+)+$"));
        Assert.Equal("billId", exception.ParamName);
        Assert.Contains("could not be checked against ^(a+)+$ in time", exception.Message, StringComparison.Ordinal);
    }

    private static string WithPattern(string pattern)
        => MiniSpec.Replace("        item_id:\n          type: string", "        item_id:\n          type: string\n          pattern: '" + pattern + "'");
}
