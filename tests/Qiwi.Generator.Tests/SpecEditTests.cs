using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>Edit the spec, run the generator again, and the code follows.</summary>
public sealed class SpecEditTests
{
    [Fact]
    public void A_new_error_code_and_a_new_operation_appear_in_the_generated_code()
    {
        var spec = GeneratorHarness.RealSpec;
        spec = Insert(spec, "        - value: 1419\n", """
                    - value: 1500
                      name: InvoiceFrozen
                      description: The invoice is frozen.
                      fatal: false

            """);
        spec = spec.Replace("enum: [0, 5, 13, 78,", "enum: [1500, 0, 5, 13, 78,", StringComparison.Ordinal);
        spec = Insert(spec, "  /api/v2/prv/{prv_id}/bills/{bill_id}/refund/{refund_id}:\n", """
              /api/v2/prv/{prv_id}/bills/{bill_id}/history:
                parameters:
                  - $ref: '#/components/parameters/ShopId'
                  - $ref: '#/components/parameters/BillId'
                get:
                  operationId: getBillHistory
                  summary: The invoice's history.
                  description: A new operation added by editing the spec.
                  responses:
                    '200':
                      $ref: '#/components/responses/BillStatus'

            """);

        var harness = GeneratorHarness.ForSpec(spec);
        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        var compilation = harness.Output!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var resultCode = compilation.GetTypeByMetadataName("Demo.ResultCode")!;
        var member = Assert.Single(resultCode.GetMembers("InvoiceFrozen").OfType<IFieldSymbol>());
        Assert.Equal(1500, member.ConstantValue);
        var client = compilation.GetTypeByMetadataName("Demo.IQiwiPullClient")!;
        var method = Assert.Single(client.GetMembers("GetBillHistoryAsync").OfType<IMethodSymbol>());
        Assert.Equal(new[] { "billId", "cancellationToken" }, method.Parameters.Select(p => p.Name)); // prv_id is client-level
    }

    [Fact]
    public void Item_metadata_sets_namespace_client_name_and_visibility()
    {
        var harness = GeneratorHarness.ForSpec(GeneratorHarness.RealSpec, new Dictionary<string, string>
        {
            ["QiwiNamespace"] = "Shop.Payments",
            ["QiwiClientName"] = "Wallet",
            ["QiwiVisibility"] = "internal",
        });

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        var client = harness.Output!.GetTypeByMetadataName("Shop.Payments.WalletClient");
        Assert.NotNull(client);
        Assert.Equal(Accessibility.Internal, client!.DeclaredAccessibility);
        Assert.Equal(Accessibility.Internal, harness.Output.GetTypeByMetadataName("Shop.Payments.Bill")!.DeclaredAccessibility);
    }

    [Fact]
    public void Two_specs_in_one_project_generate_side_by_side()
    {
        var first = new TestAdditionalText("/project/qiwi-pull.yaml", GeneratorHarness.RealSpec);
        var second = new TestAdditionalText("/project/specs/other.yaml", GeneratorHarness.RealSpec);
        var harness = new GeneratorHarness(
            new[] { first, second },
            new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [second.Path] = new Dictionary<string, string> { ["QiwiSpec"] = "true", ["QiwiNamespace"] = "Demo.Second", ["QiwiClientName"] = "Second" },
            });

        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotNull(harness.Output.GetTypeByMetadataName("Demo.QiwiPullClient"));
        Assert.NotNull(harness.Output.GetTypeByMetadataName("Demo.Second.SecondClient"));
    }

    [Fact]
    public void A_yaml_file_not_named_qiwi_is_ignored_unless_marked()
    {
        var harness = new GeneratorHarness(new[] { new TestAdditionalText("/project/openapi.yaml", GeneratorHarness.RealSpec) });
        var result = harness.Run();
        Assert.Empty(result.GeneratedSources);
    }

    private static string Insert(string text, string before, string insertion)
    {
        var index = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{before.Trim()}' is not in the spec.");
        return text.Insert(index, insertion.Replace("\r\n", "\n"));
    }
}
