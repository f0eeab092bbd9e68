using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests.Contract;

/// <summary>
/// docs/contract.md is the checked-in table of every docs item and where the spec holds it; these tests read the
/// docs pages' markdown themselves, so that a status, code or parameter that disappears from the spec (or a docs
/// item without a row) fails CI.
/// </summary>
public sealed class ContractTests
{
    private static SpecDocument Spec => SpecDocument.Current;

    [SkippableFact]
    public void The_docs_pages_are_read_completely()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var items = DocsPages.Items;
        Assert.True(items.Count > 300, $"Only {items.Count} docs items read.");
        Assert.Equal(26, items.Count(i => i is { Page: "API", Section: "Error Codes", Kind: "table" }));
        Assert.Equal(24, items.Count(i => i is { Page: "ERR", Kind: "table" }));
        Assert.Equal(6, items.Count(i => i is { Page: "NOTIFY", Column: "Code" }));
        Assert.Equal(new[] { "waiting", "paid", "rejected", "unpaid", "expired" }, items.Where(i => i is { Page: "STAT", Column: "Status" }).Take(5).Select(i => i.Name));
        Assert.Contains(items, i => i is { Page: "WF2017", Section: "Web form with authorization", Name: "sign" });
        Assert.Contains(items, i => i is { Page: "API", Section: "Refund Operation Flow", Kind: "list", Name: "refund_id" });
        Assert.Contains(items, i => i is { Page: "NOTIFY", Kind: "header", Name: "Accept: text/json" });
        Assert.Contains(items, i => i is { Page: "WF", Kind: "url", Name: "https://bill.qiwi.com/order/external/create.action" });
        Assert.Contains(items, i => i is { Page: "INTRO2017", Section: "Service data", Name: "API_PASSWORD" });
        foreach (var page in DocsPages.Tags.Values.Where(t => t != "INTRO"))
        {
            Assert.Contains(items, i => i.Page == page);
        }
    }

    [Fact]
    public void The_reader_finds_tables_lists_headers_and_urls_under_their_headings()
    {
        string[] page =
        [
            "# Page {#page}", "###### [Edit on GitHub](x)", "## Issue {#issue}",
            "<ul class=\"nestedList url\">", "    <li><h3>URL <span>https://h/<a>prv_id</a>/x</span></h3>",
            "             <li><strong>prv_id</strong> - shop</li>",
            "<ul class=\"nestedList header\">", "    <li><h3>HEADERS</h3>", "        <ul>",
            "             <li>Accept: text/json</li>", "        </ul>", "    </li>", "</ul>",
            "Parameter|Description|Type", "---------|--------|---", "user | who | String", "amount | how much | Number",
            string.Empty, "## Codes", "Code| Description |Fatal", "---|----------|------", "934|Region is not supported",
        ];

        var items = DocsPages.Read("T", page).Select(i => (i.Section, i.Kind, i.Name, i.Column)).ToList();

        Assert.Equal(
            new[]
            {
                ("Issue", "url", "https://h/prv_id/x", string.Empty), ("Issue", "list", "prv_id", string.Empty),
                ("Issue", "header", "Accept: text/json", string.Empty), ("Issue", "table", "user", "Parameter"),
                ("Issue", "table", "amount", "Parameter"), ("Codes", "table", "934", "Code"),
            },
            items);
    }

    [SkippableFact]
    public void Every_docs_item_is_held_by_the_spec_where_docs_contract_md_says()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var problems = ContractChecker.Problems(Spec, DocsPages.Items, ContractTable.Load(), DocsPages.PageText);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [SkippableFact]
    public void The_contract_table_is_the_whole_docs_and_names_every_departure()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var contract = ContractTable.Load();
        Assert.True(contract.Rows.Count >= DocsPages.Items.Count, $"{contract.Rows.Count} rows for {DocsPages.Items.Count} docs items.");
        Assert.True(contract.Departures.Count >= 30, $"Only {contract.Departures.Count} departures listed.");

        // The checker itself fails on a row that names nothing the docs say, and on a departure without a row.
        var broken = ContractTable.Parse([
            ContractTable.ItemsHeader, "|---|---|---|---|---|---|",
            "| API | Error Codes | table | `9999` | `code:ResultCode/9999` | |",
        ]);
        var problems = ContractChecker.Problems(Spec, DocsPages.Items, broken, DocsPages.PageText);
        Assert.Contains(problems, p => p.Contains("not an item of the docs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ResultCode's enum has no 9999", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has no row in docs/contract.md", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DECISION comments", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Deleting_any_one_code_status_or_parameter_from_the_spec_breaks_the_contract()
    {
        Qiwi.Testing.Requires.That(DocsPages.Found, DocsPages.MissingReason);
        var text = File.ReadAllText(Spec.Path);
        var contract = ContractTable.Load();
        var mutations = Mutations(Spec).ToList();
        Assert.True(mutations.Count > 150, $"Only {mutations.Count} mutations.");
        var survivors = new List<string>();
        foreach (var (name, apply) in mutations)
        {
            var copy = SpecDocument.Parse(text, Spec.Path);
            apply(copy);
            if (ContractChecker.Problems(copy, DocsPages.Items, contract, DocsPages.PageText).Count == 0)
            {
                survivors.Add(name);
            }
        }

        Assert.True(survivors.Count == 0, "Deleting these from the spec went unnoticed: " + string.Join(", ", survivors));
    }

    /// <summary>Every deletion of one enum value (from enum or from x-qiwi-enum), one property, one parameter.</summary>
    private static IEnumerable<(string Name, Action<SpecDocument> Apply)> Mutations(SpecDocument spec)
    {
        foreach (var (schemaKey, schemaNode) in spec.Map("components", "schemas").Children)
        {
            var schema = ((YamlScalarNode)schemaKey).Value!;
            var map = (YamlMappingNode)schemaNode;
            foreach (var list in new[] { "enum", "x-qiwi-enum" })
            {
                if (map.Children.TryGetValue(list, out var values))
                {
                    for (var i = 0; i < ((YamlSequenceNode)values).Children.Count; i++)
                    {
                        var index = i;
                        yield return ($"{schema}.{list}[{index}]", s => ((YamlSequenceNode)s.Map("components", "schemas", schema)[list]).Children.RemoveAt(index));
                    }
                }
            }

            if (map.Children.TryGetValue("properties", out var properties))
            {
                foreach (var property in ((YamlMappingNode)properties).Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!))
                {
                    yield return ($"{schema}.{property}", s => s.Map("components", "schemas", schema, "properties").Children.Remove(property));
                }
            }
        }

        foreach (var section in new[] { "paths", "x-webhooks" })
        {
            foreach (var (pathKey, pathNode) in spec.Map(section).Children)
            {
                var path = ((YamlScalarNode)pathKey).Value!;
                foreach (var (ownerKey, ownerNode) in new[] { (string.Empty, pathNode) }.Concat(((YamlMappingNode)pathNode).Children.Where(p => p.Value is YamlMappingNode).Select(p => (((YamlScalarNode)p.Key).Value!, p.Value))))
                {
                    if (((YamlMappingNode)ownerNode).Children.TryGetValue("parameters", out var parameters))
                    {
                        for (var i = 0; i < ((YamlSequenceNode)parameters).Children.Count; i++)
                        {
                            var index = i;
                            var owner = ownerKey;
                            yield return ($"{section} {path} {owner} parameters[{index}]", s =>
                            {
                                var item = s.Map(section, path);
                                var target = owner.Length == 0 ? item : (YamlMappingNode)item[owner];
                                ((YamlSequenceNode)target["parameters"]).Children.RemoveAt(index);
                            });
                        }
                    }
                }
            }
        }
    }
}
