using System.Text.Encodings.Web;
using System.Text.Json;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator, promise (3): the generated code is right for the names it is given. A property whose
/// wire name is hostile (keywords, quotes, backslashes, braces, line breaks, NUL, Unicode letters, zero-width and
/// bidi marks, non-BMP letters, 600 characters) is compiled, loaded and run: JSON and form fields of exactly that name
/// are read into it and written back under it.
/// </summary>
public sealed class HostileWireNameTests
{
    private const string Probe = """
        namespace Demo;

        public static class Probe
        {
            public static string? FromJson(string json) => global::Demo.Item.FromJson(global::System.Text.Encoding.UTF8.GetBytes(json)).Size?.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

            public static string ToJson(int size) => global::System.Text.Encoding.UTF8.GetString(new global::Demo.Item { Size = size }.ToJson());

            public static string? FromForm(string key, string value) => global::Demo.Item.FromForm(new[] { new global::System.Collections.Generic.KeyValuePair<string, string>(key, value) }).Size?.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

            public static string ToForm(int size) => string.Join("\n", global::System.Linq.Enumerable.Select(new global::Demo.Item { Size = size }.ToForm(), p => p.Key + "=" + p.Value));

            public static string? XmlRoundTrip(int size) => global::Demo.Item.FromXml(global::System.Text.Encoding.UTF8.GetBytes(new global::Demo.Item { Size = size }.ToXml().ToString())).Size?.ToString(global::System.Globalization.CultureInfo.InvariantCulture);

            public static string? NestedXmlRoundTrip(string id)
            {
                var xml = new global::Demo.ItemResult { ResultCode = global::Demo.Code.Success, Item = new global::Demo.Item { ItemId = id } }.ToXml().ToString();
                return global::Demo.ItemResult.FromXml(global::System.Text.Encoding.UTF8.GetBytes(xml)).Item?.ItemId;
            }
        }
        """;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[] { "class", "value", "Size", "a b", "\"", "\\", "{x}", "a\r\nb", "a\0b", "\u2028", "\u00e9t\u00e9", "a\u200bb", "\u200f", "\U0001D49C", "*/</summary>", "$\"{x}\"", new string('w', 600), string.Empty })
        {
            data.Add(name);
        }

        foreach (var name in HostileNames.Seeded(seed: 2026_11_26, count: 6))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_hostile_wire_name_is_read_and_written_under_exactly_that_name(string wireName)
    {
        var spec = MiniSpec.Replace("        size:\n          type: integer", "        " + HostileNames.Yaml(wireName) + ":\n          type: integer\n          format: int32\n          x-qiwi-name: Size");
        var assembly = GeneratedAssembly.Load(spec, Probe);

        var json = "{" + JsonSerializer.Serialize(wireName, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + ":7}";
        Assert.Equal("7", assembly.Call("Demo.Probe", "FromJson", json));
        using (var written = JsonDocument.Parse((string)assembly.Call("Demo.Probe", "ToJson", 7)!))
        {
            Assert.Equal(7, written.RootElement.GetProperty(wireName).GetInt32());
        }

        Assert.Equal("7", assembly.Call("Demo.Probe", "FromForm", wireName, "7"));
        Assert.Equal(wireName + "=7", assembly.Call("Demo.Probe", "ToForm", 7));

        // XML has no element without a name: an empty wire name is left out of XML (docs/generator.md), every other is
        // written as XmlConvert.EncodeLocalName gives it (a_x0020_b) and read back.
        Assert.Equal(wireName.Length == 0 ? null : "7", assembly.Call("Demo.Probe", "XmlRoundTrip", 7));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("item")]
    [InlineData("a b")]
    [InlineData("1 < 2")]
    public void A_nested_object_written_to_xml_is_read_back_under_its_property_name(string? xmlName)
    {
        var spec = MiniSpec.Replace("    Item:\n      type: object\n", "    Item:\n      type: object\n" + (xmlName is null ? string.Empty : "      xml:\n        name: " + HostileNames.Yaml(xmlName) + "\n"));
        Assert.Equal("x", GeneratedAssembly.Load(spec, Probe).Call("Demo.Probe", "NestedXmlRoundTrip", "x"));
    }
}
