using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>The x-qiwi-* extensions are the documented ones, well formed and consistent with the plain OpenAPI.</summary>
public sealed class ExtensionTests
{
    private static readonly HashSet<string> Documented =
    [
        "x-qiwi-client", "x-qiwi-envelope", "x-qiwi-enum", "x-qiwi-name", "x-qiwi-decimal", "x-qiwi-datetime",
        "x-qiwi-idempotent", "x-qiwi-redirect", "x-qiwi-signature", "x-qiwi-outcome-read", "x-qiwi-client-parameter",
    ];

    private static SpecDocument Spec => SpecDocument.Current;

    [Fact]
    public void Only_documented_extensions_are_used_and_never_beside_a_ref()
    {
        var used = new List<(string Key, YamlNode Node)>();
        Walk(Spec.Root, used);
        Assert.True(used.Count > 30, $"Only {used.Count} extensions found.");
        foreach (var (key, node) in used)
        {
            Assert.True(Documented.Contains(key) || key == "x-webhooks", $"{key} at {SpecDocument.At(node)} is not documented in docs/spec-extensions.md");
        }

        var doc = File.ReadAllText(Path.Combine(SpecDocument.RepositoryRoot, "docs", "spec-extensions.md"));
        Assert.All(Documented, key => Assert.Contains("## `" + key + "`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_write_links_to_the_GET_that_settles_it_and_only_createBill_claims_idempotency()
    {
        var operations = Spec.Operations().Where(o => o.Where.StartsWith("paths", StringComparison.Ordinal) && !o.Operation.Children.ContainsKey("x-qiwi-redirect")).ToList();
        var gets = operations.Where(o => o.Where.EndsWith(" get", StringComparison.Ordinal)).Select(o => Text(o.Operation, "operationId")).ToHashSet();
        var writes = operations.Where(o => !o.Where.EndsWith(" get", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(writes);
        foreach (var (where, _, _, operation) in writes)
        {
            Assert.True(operation.Children.TryGetValue("x-qiwi-outcome-read", out var link), $"{where} has no x-qiwi-outcome-read");
            Assert.Contains(Text((YamlMappingNode)link, "operation"), gets);
        }

        // The docs promise idempotency for invoicing only ("two consecutive requests with the same prv_id, bill_id and amount").
        Assert.Equal(["createBill"], writes.Where(w => w.Operation.Children.ContainsKey("x-qiwi-idempotent")).Select(w => Text(w.Operation, "operationId")));
    }

    [Fact]
    public void Client_level_parameters_are_required_path_parameters_used_by_every_api_operation_and_prv_id_is_one()
    {
        // Every parameter of every API operation, resolved ($ref to components/parameters), with where it is used.
        var apiOperations = Spec.Operations().Where(o => o.Where.StartsWith("paths", StringComparison.Ordinal) && !o.Operation.Children.ContainsKey("x-qiwi-redirect")).ToList();
        var marked = new HashSet<string>(StringComparer.Ordinal);
        var unmarkedUses = new List<string>();
        foreach (var (where, _, pathItem, operation) in Spec.Operations())
        {
            foreach (var parameter in Parameters(pathItem).Concat(Parameters(operation)))
            {
                if (!parameter.Children.TryGetValue("x-qiwi-client-parameter", out var flag))
                {
                    unmarkedUses.Add(Text(parameter, "name")!);
                    continue;
                }

                Assert.True(flag is YamlScalarNode { Value: "true" } scalar && !SpecDocument.IsQuoted(scalar), $"x-qiwi-client-parameter at {SpecDocument.At(flag)} must be the boolean true");
                Assert.Equal("path", Text(parameter, "in"));
                Assert.Equal("true", Text(parameter, "required"));
                Assert.False(Spec.Resolve(parameter["schema"]).Children.ContainsKey("enum"), $"{where}: a client-level parameter is a setting, not a constant");
                Assert.False(operation.Children.ContainsKey("x-qiwi-redirect"), $"{where}: a redirect has no client-level parameters");
                marked.Add(Text(parameter, "name")!);
            }
        }

        Assert.Equal(["prv_id"], marked);
        Assert.DoesNotContain("prv_id", unmarkedUses); // one setting: never a method parameter in one operation and a setting in another
        Assert.All(apiOperations, o => Assert.Contains("{prv_id}", o.Path, StringComparison.Ordinal));
    }

    private IEnumerable<YamlMappingNode> Parameters(YamlMappingNode owner)
        => owner.Children.TryGetValue("parameters", out var list) ? ((YamlSequenceNode)list).Children.Select(Spec.Resolve) : [];

    [Fact]
    public void The_envelope_matches_every_api_response()
    {
        var envelope = Spec.Map("x-qiwi-envelope");
        var wrapper = Text(envelope, "wrapper")!;
        var resultCode = Text(envelope, "resultCode")!;
        Assert.NotNull(Spec.Find(Text(envelope, "resultCodeSchema")!));
        var checkedMedia = 0;
        foreach (var (where, _, _, operation) in Spec.Operations().Where(o => o.Where.StartsWith("paths", StringComparison.Ordinal) && !o.Operation.Children.ContainsKey("x-qiwi-redirect")))
        {
            foreach (var response in ((YamlMappingNode)operation["responses"]).Children.Values.Select(Spec.Resolve))
            {
                var content = (YamlMappingNode)response["content"];
                Assert.Equal(new[] { "application/json", "text/json", "application/xml", "text/xml" }, content.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value));
                foreach (var (mediaType, media) in content.Children.Select(p => (((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value)))
                {
                    var schema = Spec.Resolve(media["schema"]);
                    var result = schema;
                    if (mediaType.Contains("json", StringComparison.Ordinal))
                    {
                        Assert.Equal(new[] { wrapper }, ((YamlSequenceNode)schema["required"]).Children.Cast<YamlScalarNode>().Select(s => s.Value));
                        result = Spec.Resolve(((YamlMappingNode)schema["properties"])[wrapper]);
                    }
                    else
                    {
                        Assert.Equal(wrapper, Text((YamlMappingNode)schema["xml"], "name"));
                    }

                    Assert.True(((YamlMappingNode)result["properties"]).Children.ContainsKey(resultCode), $"{where} {mediaType}: the result has no {resultCode}");
                    checkedMedia++;
                }
            }
        }

        // 401 everywhere ([API]); 500 only where [MOBILE] shows it (create, status).
        Assert.Equal(((5 * 2) + 2) * 4, checkedMedia);
    }

    [Fact]
    public void Redirects_and_signatures_are_consistent()
    {
        var redirects = Spec.Operations().Where(o => o.Operation.Children.ContainsKey("x-qiwi-redirect")).ToList();
        Assert.Equal(4, redirects.Count);
        foreach (var (where, _, item, operation) in redirects)
        {
            Assert.Contains(Text((YamlMappingNode)operation["x-qiwi-redirect"], "kind"), new[] { "outbound", "inbound" });
            Assert.Empty((YamlSequenceNode)operation["security"]);
            Assert.True(item.Children.ContainsKey("servers"), $"{where} needs its own servers");
        }

        var signed = Spec.Operations().Where(o => o.Operation.Children.ContainsKey("x-qiwi-signature")).ToList();
        Assert.Equal(2, signed.Count);
        foreach (var (where, _, item, operation) in signed)
        {
            var signature = (YamlMappingNode)operation["x-qiwi-signature"];
            Assert.Contains(Text(signature, "algorithm"), new[] { "HMAC-SHA1", "HMAC-SHA256" });
            Assert.Contains(Text(signature, "encoding"), new[] { "hex", "base64" });
            Assert.Contains(Text(signature, "key"), new[] { "apiPassword", "notificationPassword" });
            var parameters = ((YamlSequenceNode)operation["parameters"]).Select(Spec.Resolve).Select(p => Text(p, "name")).ToHashSet();
            Assert.True(parameters.Contains(Text(signature, "target")), $"{where}: the signature's target is not a parameter");
            if (signature["fields"] is YamlSequenceNode fields)
            {
                Assert.All(fields.Children.Cast<YamlScalarNode>(), f => Assert.True(parameters.Contains(f.Value), $"{where}: signed field {f.Value} is not a parameter"));
            }
            else
            {
                Assert.Equal("all", ((YamlScalarNode)signature["fields"]).Value);
            }

            _ = item;
        }
    }

    [Fact]
    public void Value_rule_extensions_have_their_keys_and_names_are_identifiers()
    {
        var schemas = EnumTests.AllSchemas(Spec.Root).ToList();
        var decimals = schemas.Where(s => s.Children.ContainsKey("x-qiwi-decimal")).Select(s => (YamlMappingNode)s["x-qiwi-decimal"]).ToList();
        var datetimes = schemas.Where(s => s.Children.ContainsKey("x-qiwi-datetime")).Select(s => (YamlMappingNode)s["x-qiwi-datetime"]).ToList();
        Assert.Equal(3, decimals.Count);
        Assert.Equal(2, datetimes.Count);
        Assert.All(decimals, d => Assert.Equal(("2", "down"), (Text(d, "scale"), Text(d, "rounding"))));
        Assert.All(datetimes, d => Assert.Equal("+03:00", Text(d, "offset")));

        // The docs say the service expires invoices (45 days REST, 28 days the latest web form page) and
        // never that it refuses a later or a past lifetime: the spec refuses neither.
        Assert.Equal(new[] { "28", "45" }, datetimes.Select(d => Text(d, "expiresAfterDays")).Order());
        Assert.All(datetimes, d => Assert.False(d.Children.ContainsKey("maxDaysAhead") || d.Children.ContainsKey("allowPast"), $"x-qiwi-datetime at {SpecDocument.At(d)} refuses values the service accepts"));

        var names = new List<(string, YamlNode)>();
        Walk(Spec.Root, names);
        foreach (var (_, node) in names.Where(n => n.Item1 == "x-qiwi-name"))
        {
            var name = ((YamlScalarNode)node).Value!;
            Assert.True(char.IsUpper(name[0]) && name.All(char.IsLetterOrDigit), $"x-qiwi-name '{name}' at {SpecDocument.At(node)} is not a PascalCase identifier");
        }
    }

    private static void Walk(YamlNode node, List<(string Key, YamlNode Node)> found)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var hasRef = map.Children.ContainsKey("$ref");
                foreach (var pair in map.Children)
                {
                    var key = ((YamlScalarNode)pair.Key).Value!;
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Assert.False(hasRef, $"{key} at {SpecDocument.At(pair.Key)} sits beside a $ref, where OpenAPI 3.0 ignores it");
                        found.Add((key, pair.Value));
                    }

                    if (key is not "examples" and not "example")
                    {
                        Walk(pair.Value, found);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    Walk(item, found);
                }

                break;
        }
    }

    private static string? Text(YamlMappingNode map, string key) => map.Children.TryGetValue(key, out var node) ? ((YamlScalarNode)node).Value : null;
}
