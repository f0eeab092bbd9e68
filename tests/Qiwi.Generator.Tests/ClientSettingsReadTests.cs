using Microsoft.CodeAnalysis;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// The generated options' <c>ReadSettings</c> (configuration text in, no reflection): a client-level setting of each
/// kind a path parameter can have is read under its name, compiled and run. Text of the wrong kind is a failure naming
/// the setting that leaves it unset; a missing key leaves it unset with no failure of its own; an empty text is a
/// string setting's value (as with Bind) and no number's.
/// </summary>
public sealed class ClientSettingsReadTests
{
    private const string Parameter = "        - name: item_id\n          in: path\n          required: true\n";
    private const string ItemSchema = "          schema:\n            type: string\n";

    internal static readonly string Spec = MiniSpec.Text
        .Replace("/items/{item_id}:", "/items/{item_id}/{count}/{big}/{kind}/{flag}/{code}:", StringComparison.Ordinal)
        .Replace(Parameter + ItemSchema, Parameter + "          x-qiwi-client-parameter: true\n" + ItemSchema
            + "        - name: count\n          in: path\n          required: true\n          x-qiwi-client-parameter: true\n          schema:\n            type: integer\n            format: int32\n"
            + "        - name: big\n          in: path\n          required: true\n          x-qiwi-client-parameter: true\n          schema:\n            type: integer\n            format: int64\n"
            + "        - name: kind\n          in: path\n          required: true\n          x-qiwi-client-parameter: true\n          schema:\n            $ref: '#/components/schemas/Kind'\n"
            + "        - name: flag\n          in: path\n          required: true\n          x-qiwi-client-parameter: true\n          schema:\n            type: boolean\n"
            + "        - name: code\n          in: path\n          required: true\n          x-qiwi-client-parameter: true\n          schema:\n            type: string\n            x-qiwi-enum:\n              - value: a1\n                name: A1\n                description: A one.\n", StringComparison.Ordinal)
        .Replace("    Item:\n", "    Kind:\n      type: string\n      enum: [red, blue]\n      x-qiwi-enum:\n        - value: red\n          name: Red\n          description: Red.\n        - value: blue\n          name: Blue\n          description: Blue.\n    Item:\n", StringComparison.Ordinal);

    private const string Probe = """
        using System.Linq;

        namespace Demo;

        public static class Probe
        {
            /// <summary>Reads "key=value;key=value" (a key without '=' has an empty text) and shows each setting, then the failures.</summary>
            public static string Read(string settings)
            {
                var map = new global::System.Collections.Generic.Dictionary<string, string>();
                foreach (var pair in settings.Split(';', global::System.StringSplitOptions.RemoveEmptyEntries))
                {
                    var at = pair.IndexOf('=');
                    map[at < 0 ? pair : pair.Substring(0, at)] = at < 0 ? "" : pair.Substring(at + 1);
                }

                var options = new MiniClientOptions();
                var errors = options.ReadSettings(key => map.TryGetValue(key, out var value) ? value : null);
                var shown = string.Join(",", new object?[] { options.ItemId, options.Count, options.Big, options.Kind, options.Flag, options.Code, options.ApiId, options.Retry.MaxAttempts }
                    .Select(value => value is null ? "null" : global::System.Convert.ToString(value, global::System.Globalization.CultureInfo.InvariantCulture)));
                var unreadable = string.Join(",", errors.Select(error => error.Option));
                var reported = string.Join(",", options.GetErrors().Select(error => error.Option).Distinct());
                return shown + " | " + unreadable + " | " + reported;
            }
        }
        """;

    [Fact]
    public void The_spec_compiles_cleanly_with_a_setting_of_every_kind()
    {
        var harness = GeneratorHarness.ForSpec(Spec);
        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(harness.Output!.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var options = harness.Output!.GetTypeByMetadataName("Demo.MiniClientOptions")!;
        Assert.Equal(["Big", "Code", "Count", "Flag", "ItemId", "Kind"], options.GetMembers().OfType<IPropertySymbol>().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("", "null,null,null,null,null,null,,3 |  | ApiId,ApiPassword,ItemId,Count,Big,Kind,Flag,Code")]
    [InlineData("ItemId=i-7;Count=-12;Big=9007199254740993;Kind=BLUE;Flag=True;Code=zz;ApiId=id;ApiPassword=pw;Retry:MaxAttempts=4",
        "i-7,-12,9007199254740993,Blue,True,zz,id,4 |  | ")]
    [InlineData("ItemId=;Kind=1;Flag=false;Code=;ApiId=id;ApiPassword=pw", ",null,null,Red,False,,id,3 |  | Count,Big")]
    [InlineData("Count=2147483648;Big=1.5;Kind=green;Flag=yes;ApiId=id;ApiPassword=pw;ItemId=x;Code=a1",
        "x,null,null,null,null,a1,id,3 | Count,Big,Kind,Flag | Count,Big,Kind,Flag")]
    [InlineData("Count;Big;Flag;Retry:MaxAttempts=x;ApiId=id;ApiPassword=pw;ItemId=x;Code=a1",
        "x,null,null,null,null,a1,id,3 | Retry.MaxAttempts,Count,Big,Flag | Retry.MaxAttempts,Count,Big,Flag,Kind")]
    public void Each_setting_is_read_under_its_name_and_unreadable_text_is_a_failure_naming_it(string settings, string expected)
    {
        var assembly = GeneratedAssembly.Load(Spec, Probe);

        Assert.Equal(expected, assembly.Call("Demo.Probe", "Read", settings));
    }
}
