using Microsoft.CodeAnalysis;
using Qiwi.Generator.Fuzz;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// Every minimized repro of issue 10 (stack overflows, QIWI9999 at (1,1), generated code that failed to
/// compile without a QIWI error, wrong locations) with its diagnostic id and position.
/// </summary>
public sealed class HardeningTests
{
    private const string Schemas = "components:\n  schemas:\n";

    [Fact]
    public void A_schema_that_is_allOf_itself_is_a_cycle_at_its_ref()
    {
        var spec = UseSizeSchema("Loop", "    Loop:\n      allOf:\n        - $ref: '#/components/schemas/Loop'\n");
        AssertAt(spec, "QIWI0013", "- $ref: '#/components/schemas/Loop'", "'#/");
    }

    [Fact]
    public void Schemas_reaching_each_other_through_ref_and_allOf_are_a_cycle_at_the_closing_ref()
    {
        var spec = UseSizeSchema("LoopA", "    LoopA:\n      allOf:\n        - $ref: '#/components/schemas/LoopB'\n    LoopB:\n      $ref: '#/components/schemas/LoopA'\n");
        AssertAt(spec, "QIWI0013", "      $ref: '#/components/schemas/LoopA'", "'#/", last: true);
    }

    [Fact]
    public void A_yaml_alias_inside_its_own_anchor_is_a_cycle_at_the_alias()
        => AssertAt(MiniSpec.Text + "\nx-self: &a [*a]\n", "QIWI0013", "x-self:", "*a");

    [Fact]
    public void Nesting_100000_deep_stops_at_the_depth_limit_without_recursion()
    {
        var spec = MiniSpec.Text + "\nx-deep: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        // The root map is level 1, so the 64th '[' (offset 63 after "x-deep: ") opens level 65.
        var diagnostic = Single(spec, "QIWI0016");
        Assert.Equal((MiniSpec.LineOf(spec, "x-deep:"), "x-deep: ".Length + 63), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains("nesting depth", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_stops_at_the_expanded_node_limit()
    {
        var bomb = "x-bomb:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat(Enumerable.Range(1, 9).Select(i => "  l" + i + ": &l" + i + " [" + string.Join(", ", Enumerable.Repeat("*l" + (i - 1), 10)) + "]\n"));
        var spec = MiniSpec.Text + "\n" + bomb;
        var diagnostic = Single(spec, "QIWI0016");
        Assert.Contains("expanded nodes", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line > MiniSpec.LineOf(spec, "x-bomb:"));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_parsing()
        => Assert.Contains("document size", Single(MiniSpec.Text + "\n# " + new string('x', 4_200_000) + "\n", "QIWI0016").GetMessage(), StringComparison.Ordinal);

    [Fact]
    public void A_path_with_a_missing_brace_is_reported_at_the_path()
        => AssertAt(MiniSpec.Replace("  /items/{item_id}:", "  /items/{item_id:"), "QIWI0012", "/items/{item_id:", "/items");

    [Theory]
    [InlineData("MiniClient")]
    [InlineData("IMiniClient")]
    [InlineData("MiniPatterns")]
    [InlineData("MiniRedirects")]
    [InlineData("MiniResultCodes")]
    [InlineData("CodeExtensions")]
    [InlineData("ITEM")]
    public void A_schema_named_like_another_generated_type_or_file_is_a_collision_at_the_schema(string name)
    {
        var spec = MiniSpec.Text + "\n    " + name + ":\n      type: object\n      properties:\n        a:\n          type: string\n";
        var diagnostic = AssertAt(spec, "QIWI0006", "    " + name + ":", name);
        if (name == "ITEM")
        {
            Assert.Contains("differ only in case", diagnostic.GetMessage(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_schema_named_like_a_response_reader_is_a_collision_at_the_response()
    {
        var spec = MiniSpec.Text + "\n    ItemEnvelopeReader:\n      type: object\n      properties:\n        a:\n          type: string\n";
        AssertAt(spec, "QIWI0006", "application/json:", "application/json");
    }

    [Fact]
    public void A_lower_case_schema_name_is_refused_as_csharp_reserves_it()
        => AssertAt(MiniSpec.Text + "\n    item:\n      type: object\n      properties:\n        a:\n          type: string\n", "QIWI0005", "    item:", "item", last: true);

    [Fact]
    public void A_second_operation_with_the_same_operationId_is_reported_and_skipped()
    {
        var spec = MiniSpec.Replace("components:\n", """
              /other/{item_id}:
                post:
                  operationId: getItem
                  parameters:
                    - name: item_id
                      in: path
                      required: true
                      schema:
                        type: integer
                        format: int64
                  responses:
                    '200':
                      description: The item.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/ItemEnvelope'
            components:

            """.Replace("\r\n", "\n"));
        var diagnostic = AssertAt(spec, "QIWI0014", "      operationId: getItem", "getItem", last: true);
        Assert.Contains("GET /items/{item_id}", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("to_json")]
    [InlineData("from_form")]
    [InlineData("equality_contract")]
    public void A_property_named_like_a_generated_member_is_a_collision_at_the_property(string wireName)
        => AssertAt(MiniSpec.Replace("        size:\n", "        " + wireName + ":\n          type: string\n        size:\n"), "QIWI0006", "        " + wireName + ":", wireName);

    [Fact]
    public void An_x_qiwi_name_naming_a_generated_member_is_a_collision()
        => AssertAt(MiniSpec.Replace("        size:\n          type: integer", "        size:\n          type: integer\n          x-qiwi-name: Missing"), "QIWI0006", "        size:", "size");

    [Fact]
    public void A_property_whose_local_clashes_with_a_string_enums_wire_local_is_a_collision()
    {
        var spec = MiniSpec.Replace("        size:\n", "        state:\n          $ref: '#/components/schemas/State'\n        state_wire:\n          type: string\n        size:\n")
            + "\n    State:\n      type: string\n      enum: [a]\n      x-qiwi-enum:\n        - value: a\n          name: A\n          description: A.\n";
        var diagnostic = AssertAt(spec, "QIWI0006", "        state_wire:", "state_wire");
        Assert.Contains("_stateWire", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unicode_line_separators_in_every_text_become_escapes_and_the_code_compiles_cleanly()
    {
        var spec = MiniSpec.Replace("summary: Gets an item.", "summary: \"Gets\\Lan\\Pitem\\N.\"")
            .Replace("  /items/{item_id}:", "  \"/items\\L/{item_id}\":", StringComparison.Ordinal)
            .Replace("\n            type: string\n", "\n            type: string\n            pattern: \"^a\\Lb\\P$\"\n", StringComparison.Ordinal)
            .Replace("          description: Success.", "          description: \"Suc\\Lcess\\x01.\"", StringComparison.Ordinal)
            .Replace("        item_id:\n          type: string", "        item_id:\n          type: string\n          description: \"the\\Nid\\u2029\"", StringComparison.Ordinal);
        Clean(spec);
        var sources = GeneratorHarness.ForSpec(spec).Run().GeneratedSources;
        Assert.Contains(sources, s => s.SourceText.ToString().Contains("\"/items\\u2028/\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("1.")]
    [InlineData("0,5")]
    public void A_minimum_that_is_not_a_decimal_is_reported_at_the_value(string value)
        => AssertAt(MiniSpec.Replace("        size:\n          type: integer", "        size:\n          type: integer\n          minimum: " + value), "QIWI0015", "minimum: " + value, value);

    [Fact]
    public void A_valid_exponent_minimum_is_written_as_a_plain_decimal()
    {
        var spec = MiniSpec.Replace("\n            type: string\n", "\n            type: number\n            minimum: 1e2\n");
        Clean(spec);
        Assert.Contains(GeneratorHarness.ForSpec(spec).Run().GeneratedSources, s => s.SourceText.ToString().Contains("100m", StringComparison.Ordinal));
    }

    [Fact]
    public void A_recursive_webhook_body_is_reported_at_the_body_schema()
    {
        var spec = GeneratorHarness.RealSpec.Replace("      properties:\n        bill_id:\n          type: string\n          description: 'Merchant invoice number.'\n", "      properties:\n        bill_id:\n          type: string\n          description: 'Merchant invoice number.'\n        previous:\n          $ref: '#/components/schemas/BillNotification'\n", StringComparison.Ordinal);
        Assert.Contains("previous:", spec, StringComparison.Ordinal);
        var diagnostic = Single(spec, "QIWI0004");
        Assert.Contains("'previous' is an object", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line > MiniSpec.LineOf(spec, "x-webhooks:"));
    }

    [Fact]
    public void An_optional_result_code_reads_null_safely_with_no_nullable_warning()
    {
        var spec = MiniSpec.Replace("      required: [result_code]\n", string.Empty);
        Clean(spec);
        Assert.Contains(GeneratorHarness.ForSpec(spec).Run().GeneratedSources, s => s.SourceText.ToString().Contains("?? throw new global::System.FormatException(\"The result has no result code.\")", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blank_description_falls_back_so_every_public_member_keeps_its_docs()
        => Clean(MiniSpec.Replace("          description: Success.", "          description: ' '").Replace("summary: Gets an item.", "summary: \"\\x01\"", StringComparison.Ordinal));

    [Fact]
    public void A_pattern_nesting_groups_100000_deep_is_refused_before_it_is_compiled()
        => AssertAt(MiniSpec.Replace("\n            type: string\n", "\n            type: string\n            pattern: '" + new string('(', 100_000) + new string(')', 100_000) + "'\n"), "QIWI0004", "pattern: '", "'(");

    [Fact]
    public void A_tab_used_as_indentation_is_reported_at_the_tab()
        => AssertAt(MiniSpec.Replace("  version: '1'", "\tversion: '1'"), "QIWI0001", "\tversion", "\t");

    [Fact]
    public void An_undefined_alias_is_reported_at_the_alias()
        => AssertAt(MiniSpec.Replace("title: Mini", "title: *nowhere"), "QIWI0001", "title: *nowhere", "*nowhere");

    [Fact]
    public void A_repeated_key_is_reported_at_the_second_one()
        => AssertAt(MiniSpec.Replace("  version: '1'\n", "  version: '1'\n  version: '2'\n"), "QIWI0001", "  version: '2'", "version");

    private static string UseSizeSchema(string schema, string definitions)
        => MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/" + schema + "'") + "\n" + definitions;

    private static void Clean(string spec) => SpecAssert.Clean(spec);

    private static Diagnostic Single(string spec, string id) => SpecAssert.Single(spec, id);

    private static Diagnostic AssertAt(string spec, string id, string lineMarker, string columnMarker, bool last = false)
        => SpecAssert.At(spec, id, lineMarker, columnMarker, last);
}
