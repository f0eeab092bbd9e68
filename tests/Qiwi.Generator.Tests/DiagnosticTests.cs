using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>Every problem in a spec is a diagnostic with an id and the YAML position; the generator never throws.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void The_mini_spec_is_clean_and_its_code_compiles()
    {
        var harness = GeneratorHarness.ForSpec(MiniSpec.Text);
        var result = harness.Run();

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.MiniClient.g.cs");
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void QIWI0001_invalid_yaml_points_at_the_error()
    {
        var spec = MiniSpec.Replace("title: Mini", "title: [Mini");
        var diagnostic = Single(spec, "QIWI0001");
        Assert.Equal(MiniSpec.LineOf(spec, "title: [Mini"), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void QIWI0002_unresolvable_ref_points_at_the_ref()
    {
        var spec = MiniSpec.Replace("$ref: '#/components/schemas/Item'", "$ref: '#/components/schemas/Missing'");
        var diagnostic = Single(spec, "QIWI0002");
        AssertAt(spec, diagnostic, "#/components/schemas/Missing", "'#/components");
        Assert.Contains("#/components/schemas/Missing", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void QIWI0003_missing_operation_id_points_at_the_method_and_skips_the_operation()
    {
        var spec = MiniSpec.Replace("      operationId: getItem\n", string.Empty);
        var (result, diagnostic) = Run(spec, "QIWI0003");
        AssertAt(spec, diagnostic, "    get:", "get:");
        Assert.DoesNotContain(result.GeneratedSources, s => s.SourceText.ToString().Contains("GetItemAsync", StringComparison.Ordinal));
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.Item.g.cs");
    }

    [Fact]
    public void QIWI0004_unsupported_construct_points_at_it_and_the_rest_is_generated()
    {
        var spec = MiniSpec.Replace("        size:\n          type: integer", "        size:\n          oneOf:\n            - type: integer\n            - type: string");
        var (result, diagnostic) = Run(spec, "QIWI0004");
        AssertAt(spec, diagnostic, "oneOf:", "oneOf");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Demo.MiniClient.g.cs");
    }

    [Fact]
    public void QIWI0005_invalid_identifier_from_x_qiwi_name()
    {
        var spec = MiniSpec.Replace("        item_id:\n          type: string", "        item_id:\n          type: string\n          x-qiwi-name: 1Item");
        var diagnostic = Single(spec, "QIWI0005");
        AssertAt(spec, diagnostic, "        item_id:", "item_id");
        Assert.Contains("'1Item'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void QIWI0006_two_wire_names_mapping_to_one_csharp_name()
    {
        var spec = MiniSpec.Replace("        size:\n", "        itemId:\n          type: string\n        size:\n");
        var diagnostic = Single(spec, "QIWI0006");
        AssertAt(spec, diagnostic, "        itemId:", "itemId");
        Assert.Contains("'ItemId'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void QIWI0007_enum_value_without_a_name_points_at_the_value()
    {
        var spec = MiniSpec.Replace("enum: [0, 1]", "enum: [0, 1, 7]");
        var diagnostic = Single(spec, "QIWI0007");
        AssertAt(spec, diagnostic, "enum: [0, 1, 7]", "7]");
    }

    [Fact]
    public void QIWI0008_x_qiwi_enum_value_missing_from_enum()
    {
        var spec = MiniSpec.Replace("        - value: 1\n          name: Busy", "        - value: 2\n          name: Gone\n          description: Gone.\n        - value: 1\n          name: Busy");
        var diagnostics = Diagnostics(spec);
        var conflict = Assert.Single(diagnostics, d => d.Id == "QIWI0008");
        AssertAt(spec, conflict, "- value: 2", "2");
    }

    [Fact]
    public void QIWI0009_invalid_extension_value()
    {
        var spec = MiniSpec.Replace("          description: Busy.\n          fatal: false", "          description: Busy.\n          fatal: sometimes");
        var diagnostic = Single(spec, "QIWI0009");
        AssertAt(spec, diagnostic, "fatal: sometimes", "sometimes");
    }

    [Theory]
    [InlineData("x-qiwi-outcome-read: getItem")]
    [InlineData("x-qiwi-outcome-read: {operation: getItem, notFound: [x]}")]
    [InlineData("x-qiwi-outcome-read: {operation: getItem}")]
    public void QIWI0009_invalid_outcome_read(string extension)
    {
        // A GET needs no status read, and the value must be a map with an operation and result codes.
        var spec = MiniSpec.Replace("      summary: Gets an item.", "      summary: Gets an item.\n      " + extension);
        var diagnostic = Single(spec, "QIWI0009");
        Assert.Contains("x-qiwi-outcome-read", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(MiniSpec.LineOf(spec, "x-qiwi-outcome-read"), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void QIWI0009_an_enum_member_final_that_is_not_true_or_false()
    {
        var spec = MiniSpec.Replace("          description: Busy.\n          fatal: false", "          description: Busy.\n          fatal: false\n          final: maybe");
        var diagnostic = Single(spec, "QIWI0009");
        Assert.Contains("final", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(spec, diagnostic, "final: maybe", "maybe");
    }

    [Theory]
    [InlineData("x-qiwi-idempotent: yes", "yes")]
    [InlineData("x-qiwi-idempotent: 'true'", "'true'")]
    [InlineData("x-qiwi-idempotent: {}", "{}")]
    public void QIWI0009_a_boolean_extension_that_is_not_true_or_false(string extension, string value)
    {
        // A typo in a safety mark is reported at its value, never silently read as either answer.
        var spec = MiniSpec.Replace("      summary: Gets an item.", "      summary: Gets an item.\n      " + extension);
        var diagnostic = Single(spec, "QIWI0009");
        Assert.Contains("x-qiwi-idempotent", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(spec, diagnostic, extension, value);
    }

    [Fact]
    public void QIWI0010_swagger_2_is_not_openapi_3()
    {
        var spec = MiniSpec.Replace("openapi: 3.0.3", "swagger: '2.0'");
        var diagnostic = Single(spec, "QIWI0010");
        AssertAt(spec, diagnostic, "swagger:", "swagger");
    }

    [Fact]
    public void QIWI0011_invalid_item_metadata_names_the_option()
    {
        var harness = GeneratorHarness.ForSpec(MiniSpec.Text, new Dictionary<string, string> { ["QiwiVisibility"] = "protected" });
        var result = harness.Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI0011", diagnostic.Id);
        Assert.Equal(GeneratorHarness.SpecPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("QiwiVisibility", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void QIWI9999_a_failure_inside_the_generator_is_reported_with_its_stack()
    {
        var text = new TestAdditionalText(GeneratorHarness.SpecPath, string.Empty, new InvalidOperationException("disk on fire"));
        var harness = new GeneratorHarness(new[] { text });
        var result = harness.Run();

        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("QIWI9999", diagnostic.Id);
        Assert.Contains("disk on fire", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(" at ", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_is_documented_in_the_diagnostics_catalog()
    {
        var catalog = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var ids = typeof(QiwiGenerator).Assembly.GetType("Qiwi.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().Select(d => d.Id).ToList();

        Assert.Equal(22, ids.Count);
        foreach (var id in ids)
        {
            Assert.Contains("## " + id, catalog, StringComparison.Ordinal);
        }
    }

    private static (GeneratorRunResult Result, Diagnostic Diagnostic) Run(string spec, string id)
    {
        var result = GeneratorHarness.ForSpec(spec).Run();
        Assert.Null(result.Exception);
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", result.Diagnostics)}");
        return (result, matching[0]);
    }

    private static Diagnostic Single(string spec, string id) => Run(spec, id).Diagnostic;

    private static IReadOnlyList<Diagnostic> Diagnostics(string spec)
    {
        var result = GeneratorHarness.ForSpec(spec).Run();
        Assert.Null(result.Exception);
        return result.Diagnostics;
    }

    /// <summary>The diagnostic is on the line holding <paramref name="lineMarker"/>, at the column of <paramref name="columnMarker"/> in it.</summary>
    private static void AssertAt(string spec, Diagnostic diagnostic, string lineMarker, string columnMarker)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.SpecPath, span.Path);
        var line = MiniSpec.LineOf(spec, lineMarker);
        var column = spec.Replace("\r\n", "\n").Split('\n')[line].IndexOf(columnMarker, StringComparison.Ordinal);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }
}
