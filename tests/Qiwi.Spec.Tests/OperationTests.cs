using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>Operations are complete: ids, summaries, descriptions, declared path parameters, resolvable refs.</summary>
public sealed class OperationTests
{
    private static SpecDocument Spec => SpecDocument.Current;

    [Fact]
    public void Every_operation_has_a_unique_operation_id_a_summary_and_a_description()
    {
        var operations = Spec.Operations().ToList();
        Assert.Equal(10, operations.Count); // 5 API operations, 4 redirects, 1 webhook
        var ids = new HashSet<string>();
        foreach (var (where, _, _, operation) in operations)
        {
            foreach (var key in new[] { "operationId", "summary", "description" })
            {
                Assert.True(operation.Children.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(((YamlScalarNode)value).Value), $"{where} ({SpecDocument.At(operation)}) has no {key}");
            }

            Assert.True(ids.Add(((YamlScalarNode)operation["operationId"]).Value!), $"{where}: duplicate operationId");
        }

        Assert.Superset(new HashSet<string> { "createBill", "getBillStatus", "cancelBill", "createRefund", "getRefundStatus", "checkout", "legacyCheckout", "webForm", "checkoutReturn", "billNotification" }, ids);
    }

    [Fact]
    public void Every_path_parameter_is_declared_exactly_once()
    {
        var checkedPaths = 0;
        foreach (var (where, path, item, operation) in Spec.Operations())
        {
            var declared = Parameters(item).Concat(Parameters(operation)).Where(p => p.In == "path").Select(p => p.Name).ToList();
            var inTemplate = Regex.Matches(path, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(inTemplate.Order(), declared.Order());
            Assert.Equal(declared.Count, declared.Distinct().Count());
            checkedPaths += inTemplate.Count > 0 ? 1 : 0;
            _ = where;
        }

        Assert.Equal(5, checkedPaths);
    }

    [Fact]
    public void Every_ref_resolves()
    {
        var references = new List<YamlScalarNode>();
        Collect(Spec.Root, references);
        Assert.True(references.Count > 50, $"Only {references.Count} $refs found.");
        foreach (var reference in references)
        {
            Assert.True(Spec.Find(reference.Value!) is not null, $"'{reference.Value}' at {SpecDocument.At(reference)} does not resolve");
        }
    }

    [Fact]
    public void The_server_and_security_are_the_documented_ones()
    {
        Assert.Equal("https://api.qiwi.com", ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)Spec.Root["servers"])[0])["url"]).Value);
        var scheme = Spec.Map("components", "securitySchemes", "apiBasic");
        Assert.Equal("http", ((YamlScalarNode)scheme["type"]).Value);
        Assert.Equal("basic", ((YamlScalarNode)scheme["scheme"]).Value);
        var shopId = Spec.Map("components", "parameters", "ShopId");
        Assert.Equal("prv_id", ((YamlScalarNode)shopId["name"]).Value);
        Assert.Equal("integer", ((YamlScalarNode)((YamlMappingNode)shopId["schema"])["type"]).Value);
    }

    private static IEnumerable<(string Name, string In)> Parameters(YamlMappingNode owner)
    {
        if (!owner.Children.TryGetValue("parameters", out var list))
        {
            yield break;
        }

        foreach (var item in (YamlSequenceNode)list)
        {
            var parameter = Spec.Resolve(item);
            yield return (((YamlScalarNode)parameter["name"]).Value!, ((YamlScalarNode)parameter["in"]).Value!);
        }
    }

    internal static void Collect(YamlNode node, List<YamlScalarNode> references)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var pair in map.Children)
                {
                    if (((YamlScalarNode)pair.Key).Value == "$ref" && pair.Value is YamlScalarNode reference)
                    {
                        references.Add(reference);
                    }
                    else
                    {
                        Collect(pair.Value, references);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    Collect(item, references);
                }

                break;
        }
    }
}
