using System.Text;
using Qiwi.Generator.Fuzz;
using static Qiwi.Generator.Tests.RedTeam.HostileNames;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>
/// Red team of the generator, promises (1) and (2) on hostile values and structures: integer enum values out of range or
/// not integers, lengths and bounds at and past their limits, invalid and catastrophic patterns, x-qiwi-decimal and
/// x-qiwi-datetime values, path templates against their parameters, operationIds that meet after normalization,
/// $ref, allOf and property chains 300 long, odd responses, servers and titles. Each keeps the fuzzer's invariants
/// (<see cref="MutantCheck"/>); the defects they found are the targeted tests of <see cref="HostileRuleTests"/>.
/// </summary>
public sealed class HostileStructureTests
{
    private const int Chain = 300;

    public static TheoryData<string> CaseNames() => new(Cases().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_hostile_value_or_structure_keeps_the_generators_promise(string name)
    {
        var result = MutantCheck.Check(new Mutant(0, MutationKind.Several, Cases().Single(c => c.Name == name).Spec));
        Assert.True(result.Failure is null, result.Failure + ": " + result.Detail);
    }

    private static string OnItemId(string rules) => MiniSpec.Replace("        item_id:\n          type: string", "        item_id:\n          type: string\n" + rules.TrimEnd('\n'));
    private static string OnSize(string rules) => MiniSpec.Replace("        size:\n          type: integer", "        size:\n" + rules.TrimEnd('\n'));
    private const string ExtraOp = "\n  /other/{id}:\n    get:\n      operationId: OPID\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: The item.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ItemEnvelope'\ncomponents:\n";

    private static IEnumerable<(string Name, string Spec)> Cases()
    {
        foreach (var v in new[] { "99999999999", "-2147483649", "2147483648", "1.5", "0x10", "1e3", "-0", "01", "' 1'", "+1", "''", "null", "~", "-2147483648", "2147483647" })
        {
            yield return ("int-enum " + v, MiniSpec.Text.Replace("      enum: [0, 1]", "      enum: [0, " + v + "]").Replace("        - value: 1\n", "        - value: " + v + "\n"));
        }

        foreach (var (min, max) in new[] { ("5", "2"), ("-1", null), (null, "-3"), ("0", "2147483647"), (null, "99999999999"), ("1.5", null), ("abc", null), ("2147483647", null) })
        {
            yield return ($"len {min}/{max}", OnItemId((min is null ? "" : "          minLength: " + min + "\n") + (max is null ? "" : "          maxLength: " + max + "\n")));
            yield return ($"path-len {min}/{max}", MiniSpec.Replace("\n            type: string\n", "\n            type: string\n" + (min is null ? "" : "            minLength: " + min + "\n") + (max is null ? "" : "            maxLength: " + max + "\n")));
        }

        foreach (var (min, max) in new[] { ("5", "2"), ("1e20", null), (null, "-1e20"), ("0.5", "0.7"), ("79228162514264337593543950335", null), ("-79228162514264337593543950335", "79228162514264337593543950335") })
        {
            yield return ($"int-range {min}/{max}", OnSize("          type: integer\n" + (min is null ? "" : "          minimum: " + min + "\n") + (max is null ? "" : "          maximum: " + max + "\n")));
            yield return ($"int32-range {min}/{max}", OnSize("          type: integer\n          format: int32\n" + (min is null ? "" : "          minimum: " + min + "\n") + (max is null ? "" : "          maximum: " + max + "\n")));
            yield return ($"path-int-range {min}/{max}", MiniSpec.Replace("\n            type: string\n", "\n            type: integer\n            format: int32\n" + (min is null ? "" : "            minimum: " + min + "\n") + (max is null ? "" : "            maximum: " + max + "\n")));
            yield return ($"dec-range {min}/{max}", OnSize("          type: number\n          exclusiveMinimum: true\n          exclusiveMaximum: true\n" + (min is null ? "" : "          minimum: " + min + "\n") + (max is null ? "" : "          maximum: " + max + "\n")));
        }

        yield return ("excl-no-min", OnSize("          type: integer\n          exclusiveMinimum: true\n          exclusiveMaximum: true"));
        foreach (var pattern in new[] { "[", "(?<", "\\", "a{2,1}", "(?P<x>a)", "^(a+)+$", "\\1(a)", "(?<=a)b", "$", "^", "", "\\$", "a\\\\$", "(?i)a", "[\\s\\S]*$", "\\p{L}+", "\\p{Foo}", "\\u{1F600}" })
        {
            yield return ("pattern " + pattern, OnItemId("          pattern: " + Yaml(pattern)));
            yield return ("path-pattern " + pattern, MiniSpec.Replace("\n            type: string\n", "\n            type: string\n            pattern: " + Yaml(pattern) + "\n"));
        }

        foreach (var ext in new[] { "x-qiwi-decimal: {scale: 99}", "x-qiwi-decimal: {scale: 28}", "x-qiwi-decimal: {scale: 2147483647}", "x-qiwi-decimal: {scale: 2, rounding: down}", "x-qiwi-decimal: {scale: 1.5}", "x-qiwi-decimal: []", "x-qiwi-decimal: 5" })
        {
            yield return (ext, OnSize("          type: number\n          " + ext));
        }

        foreach (var ext in new[] { "{offset: '+99:99'}", "{offset: '+14:00'}", "{offset: '-00:00'}", "{offset: '+03:00', format: '\"'}", "{offset: '+03:00', format: '{0}'}", "{offset: '+03:00', format: ''}", "{offset: '+03:00', format: 'yyyy\\'}", "{offset: '+03:00', format: '%'}", "{offset: '+03:00', format: 'zzz'}" })
        {
            yield return ("datetime " + ext, OnItemId("          x-qiwi-datetime: " + ext));
            yield return ("path-datetime " + ext, MiniSpec.Replace("\n            type: string\n", "\n            type: string\n            x-qiwi-datetime: " + ext + "\n"));
        }

        yield return ("path-param-missing", MiniSpec.Replace("  /items/{item_id}:", "  /items/{item_id}/{other}:"));
        yield return ("path-param-unused", MiniSpec.Replace("  /items/{item_id}:", "  /items:"));
        yield return ("path-param-twice", MiniSpec.Replace("  /items/{item_id}:", "  /items/{item_id}/{item_id}:"));
        yield return ("path-empty", MiniSpec.Replace("  /items/{item_id}:", "  '':"));
        yield return ("path-no-slash", MiniSpec.Replace("  /items/{item_id}:", "  items/{item_id}:"));
        yield return ("path-brace-close", MiniSpec.Replace("  /items/{item_id}:", "  /items/}{item_id}:"));
        yield return ("path-query", MiniSpec.Replace("  /items/{item_id}:", "  /items/{item_id}?a=1#x:"));
        yield return ("path-dash-param", MiniSpec.Text.Replace("/items/{item_id}", "/items/{item-id}").Replace("- name: item_id", "- name: item-id"));
        yield return ("path-param-declared-twice", MiniSpec.Replace("      responses:", "        - name: item_id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:"));
        yield return ("query-same-as-path", MiniSpec.Replace("      responses:", "        - name: item_id\n          in: query\n          schema:\n            type: string\n      responses:"));
        yield return ("query-camel-clash", MiniSpec.Replace("      responses:", "        - name: itemId\n          in: query\n          schema:\n            type: string\n      responses:"));
        yield return ("param-cancellation", MiniSpec.Replace("      responses:", "        - name: cancellation_token\n          in: query\n          schema:\n            type: string\n      responses:"));
        yield return ("header-param", MiniSpec.Replace("      responses:", "        - name: X-Request-Id\n          in: header\n          schema:\n            type: string\n      responses:"));
        yield return ("cookie-param", MiniSpec.Replace("      responses:", "        - name: sid\n          in: cookie\n          schema:\n            type: string\n      responses:"));
        yield return ("path-not-required", MiniSpec.Replace("          required: true\n", "          required: false\n"));
        foreach (var op in new[] { "get_item", "GetItem", "getItem ", "get-item", "getItemAsync" })
        {
            yield return ("dup-op " + op, MiniSpec.Replace("components:\n", ExtraOp.Replace("OPID", Yaml(op))));
        }

        var chain = new StringBuilder();
        for (var i = 0; i < Chain; i++) chain.Append("    A" + i + ":\n      $ref: '#/components/schemas/A" + (i + 1) + "'\n");
        chain.Append("    A" + Chain + ":\n      type: integer\n");
        yield return ("ref-chain", MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/A0'") + "\n" + chain);
        var allOf = new StringBuilder();
        for (var i = 0; i < Chain; i++) allOf.Append("    B" + i + ":\n      allOf:\n        - $ref: '#/components/schemas/B" + (i + 1) + "'\n");
        allOf.Append("    B" + Chain + ":\n      type: object\n      properties:\n        a:\n          type: string\n");
        yield return ("allof-chain", MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/B0'") + "\n" + allOf);
        var objs = new StringBuilder();
        for (var i = 0; i < Chain; i++) objs.Append("    C" + i + ":\n      type: object\n      properties:\n        next:\n          $ref: '#/components/schemas/C" + (i + 1) + "'\n");
        objs.Append("    C" + Chain + ":\n      type: object\n      properties:\n        back:\n          $ref: '#/components/schemas/C0'\n");
        yield return ("object-chain", MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/C0'") + "\n" + objs);
        yield return ("self-object", MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/Item'"));
        yield return ("ref-to-envelope-prop", MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/ItemEnvelope/properties/response'"));
        yield return ("ref-escaped", MiniSpec.Replace("        size:\n          type: integer", "        size:\n          $ref: '#/components/schemas/It%65m'"));
        yield return ("prop-inline-object", OnSize("          type: object\n          properties:\n            a:\n              type: string"));
        yield return ("prop-array", OnSize("          type: array\n          items:\n            type: string"));
        yield return ("prop-no-type", OnSize("          description: nothing"));
        yield return ("prop-null", MiniSpec.Replace("        size:\n          type: integer", "        size:"));
        yield return ("prop-type-list", OnSize("          type: [integer, 'null']"));
        yield return ("nullable", OnSize("          type: integer\n          nullable: true"));
        yield return ("required-unknown", MiniSpec.Replace("      required: [result_code]\n", "      required: [result_code, nothing]\n"));
        yield return ("required-map", MiniSpec.Replace("      required: [result_code]\n", "      required: {a: 1}\n"));
        yield return ("enum-empty", MiniSpec.Replace("      enum: [0, 1]", "      enum: []"));
        yield return ("enum-dup", MiniSpec.Replace("      enum: [0, 1]", "      enum: [0, 1, 1]"));
        yield return ("string-enum-dup-case", OnSize("          $ref: '#/components/schemas/State'") + "\n    State:\n      type: string\n      enum: [a, A]\n      x-qiwi-enum:\n        - value: a\n          name: Lower\n          description: A.\n        - value: A\n          name: Upper\n          description: B.\n");
        yield return ("string-enum-unknown-value", OnSize("          $ref: '#/components/schemas/State'") + "\n    State:\n      type: string\n      enum: [Unknown, '']\n      x-qiwi-enum:\n        - value: Unknown\n          name: Known\n          description: A.\n        - value: ''\n          name: Empty\n          description: B.\n");
        yield return ("string-enum-single-required", OnSize("          $ref: '#/components/schemas/State'").Replace("    Item:\n      type: object\n", "    Item:\n      type: object\n      required: [size]\n") + "\n    State:\n      type: string\n      enum: ['a\"{b}']\n      x-qiwi-enum:\n        - value: 'a\"{b}'\n          name: A\n          description: A.\n");
        yield return ("int-enum-as-string-type", MiniSpec.Replace("      type: integer\n      enum: [0, 1]", "      type: string\n      enum: ['0', '1']"));
        yield return ("success-code-missing", MiniSpec.Replace("  successCode: 0", "  successCode: 7"));
        yield return ("success-code-text", MiniSpec.Replace("  successCode: 0", "  successCode: 'zero\"'"));
        yield return ("result-code-schema-object", MiniSpec.Replace("  resultCodeSchema: '#/components/schemas/Code'", "  resultCodeSchema: '#/components/schemas/Item'"));
        yield return ("response-not-ref", MiniSpec.Replace("                $ref: '#/components/schemas/ItemEnvelope'", "                type: object"));
        yield return ("response-code-text", MiniSpec.Replace("        '200':", "        'abc':"));
        yield return ("response-default", MiniSpec.Replace("        '200':", "        default:"));
        yield return ("response-2XX", MiniSpec.Replace("        '200':", "        2XX:"));
        yield return ("servers-weird", MiniSpec.Replace("x-qiwi-client:", "servers:\n  - url: 'https://a\"b/{x}'\nx-qiwi-client:"));
        yield return ("servers-relative", MiniSpec.Replace("x-qiwi-client:", "servers:\n  - url: /api\nx-qiwi-client:"));
        yield return ("servers-empty", MiniSpec.Replace("x-qiwi-client:", "servers:\n  - url: ''\nx-qiwi-client:"));
        yield return ("openapi-3.0.99", MiniSpec.Replace("openapi: 3.0.3", "openapi: 3.0.99"));
        yield return ("openapi-number", MiniSpec.Replace("openapi: 3.0.3", "openapi: 3.0"));
        yield return ("title-empty", MiniSpec.Text.Replace("x-qiwi-client:\n  name: Mini\n", "").Replace("title: Mini", "title: ''"));
        yield return ("title-digits", MiniSpec.Text.Replace("x-qiwi-client:\n  name: Mini\n", "").Replace("title: Mini", "title: '2.1 API'"));
        yield return ("title-lower", MiniSpec.Text.Replace("x-qiwi-client:\n  name: Mini\n", "").Replace("title: Mini", "title: 'qiwi'"));
        yield return ("no-info", MiniSpec.Text.Replace("info:\n  title: Mini\n  version: '1'\n", "").Replace("x-qiwi-client:\n  name: Mini\n", ""));
    }
}
