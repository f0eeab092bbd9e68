using YamlDotNet.RepresentationModel;

namespace Qiwi.Spec.Tests;

/// <summary>Enums carry names, descriptions and QIWI's semantics for every value.</summary>
public sealed class EnumTests
{
    private static SpecDocument Spec => SpecDocument.Current;

    [Fact]
    public void Every_enum_lists_each_value_in_x_qiwi_enum_with_a_name_and_a_description()
    {
        var enums = AllSchemas(Spec.Root).Where(s => s.Children.ContainsKey("enum") || s.Children.ContainsKey("x-qiwi-enum")).ToList();
        Assert.True(enums.Count >= 10, $"Only {enums.Count} enum schemas found.");
        foreach (var schema in enums)
        {
            Assert.True(schema.Children.TryGetValue("x-qiwi-enum", out var extension), $"The enum at {SpecDocument.At(schema)} has no x-qiwi-enum");
            var entries = ((YamlSequenceNode)extension).Children.Cast<YamlMappingNode>().ToList();
            var names = new HashSet<string>();
            foreach (var entry in entries)
            {
                var name = Text(entry, "name");
                Assert.True(name is not null && IsIdentifier(name), $"x-qiwi-enum entry at {SpecDocument.At(entry)} needs a C# identifier as name");
                Assert.True(names.Add(name!), $"Duplicate name {name} at {SpecDocument.At(entry)}");
                Assert.False(string.IsNullOrWhiteSpace(Text(entry, "description")), $"x-qiwi-enum entry at {SpecDocument.At(entry)} has no description");
            }

            var values = entries.Select(e => Text(e, "value")).ToList();
            if (schema.Children.TryGetValue("enum", out var enumNode))
            {
                Assert.Equal(((YamlSequenceNode)enumNode).Children.Cast<YamlScalarNode>().Select(s => s.Value), values);
            }
            else
            {
                var pattern = Text(schema, "pattern");
                Assert.NotNull(pattern);
                Assert.All(values, v => Assert.Matches(pattern!, v!));
            }
        }
    }

    [Fact]
    public void The_result_codes_are_the_26_of_the_docs_with_their_fatal_flags()
    {
        var entries = Entries("ResultCode");
        int[] expected = [0, 5, 13, 78, 150, 152, 155, 210, 215, 241, 242, 298, 300, 303, 316, 319, 339, 341, 700, 774, 934, 1001, 1003, 1018, 1019, 1419];
        Assert.Equal(expected, entries.Select(e => int.Parse(Text(e, "value")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(entries, e => Assert.Contains(Text(e, "fatal"), new[] { "true", "false", "unknown" }));
        Assert.Equal(new[] { "934", "1018" }, entries.Where(e => Text(e, "fatal") == "unknown").Select(e => Text(e, "value")));
        Assert.Equal(new[] { "0", "13", "152", "300", "316", "319", "1003" }, entries.Where(e => Text(e, "fatal") == "false").Select(e => Text(e, "value")));
    }

    [Fact]
    public void Statuses_say_which_are_final()
    {
        foreach (var (schema, notFinal) in new[] { ("BillStatus", "waiting"), ("RefundStatus", "processing") })
        {
            var entries = Entries(schema);
            Assert.All(entries, e => Assert.Contains(Text(e, "final"), new[] { "true", "false" }));
            Assert.Equal(new[] { notFinal }, entries.Where(e => Text(e, "final") == "false").Select(e => Text(e, "value")));
        }

        Assert.Equal(new[] { "waiting", "paid", "rejected", "unpaid", "expired" }, Entries("BillStatus").Select(e => Text(e, "value")));
        Assert.Equal(new[] { "processing", "success", "fail" }, Entries("RefundStatus").Select(e => Text(e, "value")));
    }

    [Fact]
    public void Notification_codes_pay_sources_and_currencies_are_the_documented_ones()
    {
        Assert.Equal(new[] { "0", "5", "13", "150", "151", "300" }, Entries("NotificationResultCode").Select(e => Text(e, "value")));
        Assert.Equal(new[] { "qw", "mobile" }, Entries("PaySource").Select(e => Text(e, "value")));
        Assert.Equal(new[] { "qw", "mobile", "card", "wm", "ssk" }, Entries("CheckoutPaySource").Select(e => Text(e, "value")));
        Assert.Equal(new[] { "RUB", "EUR", "USD", "KZT" }, Entries("Currency").Select(e => Text(e, "value")));
        Assert.False(Spec.Map("components", "schemas", "Currency").Children.ContainsKey("enum"), "Any ISO 4217 alpha-3 code is allowed: Currency must be an open set.");
    }

    internal static IEnumerable<YamlMappingNode> AllSchemas(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Children.ContainsKey("type") || map.Children.ContainsKey("x-qiwi-enum"))
                {
                    yield return map;
                }

                foreach (var child in map.Children.Values.SelectMany(AllSchemas))
                {
                    yield return child;
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children.SelectMany(AllSchemas))
                {
                    yield return child;
                }

                break;
        }
    }

    private static List<YamlMappingNode> Entries(string schema)
        => ((YamlSequenceNode)Spec.Map("components", "schemas", schema)["x-qiwi-enum"]).Children.Cast<YamlMappingNode>().ToList();

    private static string? Text(YamlMappingNode map, string key) => map.Children.TryGetValue(key, out var node) ? ((YamlScalarNode)node).Value : null;

    private static bool IsIdentifier(string name) => name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
