using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator: path templates that do not match their parameters, and length and number rules that no
/// value can meet or that cannot be read. Each used to generate code that compiled and was wrong (a path sent with its
/// braces, a parameter taken and never sent, a rule silently dropped, a field no value could fill); now each is an
/// error at its place in the spec.
/// </summary>
public sealed class HostileRuleTests
{
    private const string ItemId = "        item_id:\n          type: string";

    [Theory]
    [InlineData("  /items/{item_id}/{other}:", "'{other}' is not a path parameter")]
    [InlineData("  /items:", "the path parameter 'item_id'")]
    [InlineData("  /items/{item_id}/{Item_id}:", "'{Item_id}' is not a path parameter")]
    public void A_path_template_and_its_path_parameters_must_match(string path, string message)
    {
        var spec = MiniSpec.Replace("  /items/{item_id}:", path);
        var diagnostic = SpecAssert.At(spec, "QIWI0012", "    get:", "get");
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_naming_one_parameter_twice_is_valid_and_sends_it_twice()
    {
        var spec = MiniSpec.Replace("  /items/{item_id}:", "  /items/{item_id}/{item_id}:");
        SpecAssert.Clean(spec);
        var client = GeneratorHarness.ForSpec(spec).Run().GeneratedSources.Single(s => s.HintName == "Demo.MiniClient.g.cs").SourceText.ToString();
        Assert.Equal(2, client.Split("request.AppendPathSegment(itemId)").Length - 1);
        Assert.DoesNotContain("{item_id}", client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minLength: -1", "-1")]
    [InlineData("maxLength: -3", "-3")]
    [InlineData("maxLength: 99999999999", "99999999999")]
    [InlineData("minLength: 1.5", "1.5")]
    [InlineData("minLength: abc", "abc")]
    [InlineData("minLength: 5\n          maxLength: 2", "5")]
    public void A_length_that_is_not_a_whole_number_or_exceeds_the_maximum_length_is_reported_at_the_value(string rules, string value)
    {
        var spec = MiniSpec.Replace(ItemId, ItemId + "\n          " + rules);
        SpecAssert.At(spec, "QIWI0015", rules.Split('\n')[0], value);
    }

    [Theory]
    [InlineData("minimum: 5\n          maximum: 2", "minimum: 5", "5")]
    [InlineData("minimum: 0.5\n          maximum: 0.5\n          exclusiveMinimum: true", "minimum: 0.5", "0.5")]
    [InlineData("minimum: 1e2\n          maximum: 99.99\n          exclusiveMaximum: true", "minimum: 1e2", "1e2")]
    public void Bounds_no_number_lies_between_are_reported_at_the_minimum(string rules, string line, string value)
        => SpecAssert.At(MiniSpec.Replace("        size:\n          type: integer", "        size:\n          type: number\n          " + rules), "QIWI0015", line, value);

    [Theory]
    [InlineData("minLength: 0\n          maxLength: 2147483647")]
    [InlineData("minLength: 3\n          maxLength: 3")]
    public void Lengths_at_their_limits_are_valid(string rules)
        => SpecAssert.Clean(MiniSpec.Replace(ItemId, ItemId + "\n          " + rules));

    [Fact]
    public void Equal_inclusive_bounds_are_valid()
        => SpecAssert.Clean(MiniSpec.Replace("        size:\n          type: integer", "        size:\n          type: number\n          minimum: 0.5\n          maximum: 0.50"));
}
