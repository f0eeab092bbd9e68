using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator: a catastrophic pattern (<c>^(a+)+$</c>) is a valid regular expression, so the spec is
/// accepted, and the code generated from it checks values from outside (a form a server reads). Before, its Regex had
/// no match timeout: 40 'a's and a '!' kept a thread busy for hours (2^40 steps). Now every pattern field has one, and
/// a value whose check runs out of time is refused as breaking the pattern (a field problem, or the argument exception
/// of a client method), never an exception of the regex engine.
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
        }
        """;

    [Fact]
    public void A_value_whose_pattern_check_runs_out_of_time_is_refused_as_breaking_the_pattern()
    {
        var spec = MiniSpec.Replace("        item_id:\n          type: string", "        item_id:\n          type: string\n          pattern: '^(a+)+$'");
        var assembly = GeneratedAssembly.Load(spec, Probe);

        Assert.Equal("00:00:01", assembly.Call("Demo.Probe", "Timeout"));
        Assert.Equal("ok", assembly.Call("Demo.Probe", "ReadForm", "aaaa"));
        Assert.StartsWith("Pattern: 'item_id' must match ^(a+)+$ (was 'aaaa!')", (string?)assembly.Call("Demo.Probe", "ReadForm", "aaaa!"), StringComparison.Ordinal);
        var refused = (string?)assembly.Call("Demo.Probe", "ReadForm", new string('a', 40) + "!");
        Assert.StartsWith("Pattern: 'item_id' could not be checked against ^(a+)+$ in time", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_argument_whose_pattern_check_runs_out_of_time_is_an_argument_exception()
    {
        var pattern = new System.Text.RegularExpressions.Regex("^(a+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        var exception = Assert.Throws<ArgumentException>(() => Qiwi.Runtime.QiwiGuard.Pattern(new string('a', 40) + "!", "billId", pattern, "^(a+)+$"));
        Assert.Equal("billId", exception.ParamName);
        Assert.Contains("could not be checked against ^(a+)+$ in time", exception.Message, StringComparison.Ordinal);
    }
}
