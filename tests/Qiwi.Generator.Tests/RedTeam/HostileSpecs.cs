using Qiwi.Generator.Tests.Infrastructure;
using static Qiwi.Generator.Tests.RedTeam.HostileNames;

namespace Qiwi.Generator.Tests.RedTeam;

/// <summary>The places of a spec a name lands in, each a function from the name to a whole spec (the mini spec, or the real one for forms, redirects and webhooks).</summary>
internal static class HostileSpecs
{
    private const string Size = "        size:\n          type: integer";

    private static readonly Lazy<string> Real = new(() => File.ReadAllText(RepositoryPaths.Spec));

    public static readonly IReadOnlyDictionary<string, Func<string, string>> Places = new Dictionary<string, Func<string, string>>
    {
        ["property"] = s => MiniSpec.Replace(Size, "        " + Yaml(s) + ":\n          type: integer"),
        ["x-qiwi-name"] = s => MiniSpec.Replace(Size, Size + "\n          x-qiwi-name: " + Yaml(s)),
        ["schema"] = s => MiniSpec.Text.Replace("    Item:\n", "    " + Yaml(s) + ":\n", StringComparison.Ordinal)
            .Replace("'#/components/schemas/Item'", Yaml("#/components/schemas/" + Pointer(s)), StringComparison.Ordinal),
        ["operationId"] = s => MiniSpec.Replace("operationId: getItem", "operationId: " + Yaml(s)),
        ["path parameter"] = s => MiniSpec.Text.Replace("/items/{item_id}", Yaml("/items/{" + s + "}"), StringComparison.Ordinal)
            .Replace("- name: item_id", "- name: " + Yaml(s), StringComparison.Ordinal),
        ["query parameter"] = s => MiniSpec.Replace("      responses:", "        - name: " + Yaml(s) + "\n          in: query\n          schema:\n            type: string\n      responses:"),
        ["description"] = s => MiniSpec.Replace(Size, Size + "\n          description: " + Yaml(s)),
        ["summary"] = s => MiniSpec.Replace("summary: Gets an item.", "summary: " + Yaml(s)),
        ["client name"] = s => MiniSpec.Replace("  name: Mini", "  name: " + Yaml(s)),
        ["title"] = s => MiniSpec.Text.Replace("x-qiwi-client:\n  name: Mini\n", string.Empty, StringComparison.Ordinal).Replace("title: Mini", "title: " + Yaml(s), StringComparison.Ordinal),
        ["pattern"] = s => MiniSpec.Replace("        item_id:\n          type: string", "        item_id:\n          type: string\n          pattern: " + Yaml(s)),
        ["path pattern"] = s => MiniSpec.Replace("\n            type: string\n", "\n            type: string\n            pattern: " + Yaml(s) + "\n"),
        ["enum value"] = s => WithState(s, "A", "b", "B"),
        ["enum member"] = s => WithState("a", s, "b", "B"),
        ["enum schema"] = s => MiniSpec.Replace(Size, "        size:\n          $ref: " + Yaml("#/components/schemas/" + Pointer(s)))
            + "\n    " + Yaml(s) + ":\n      type: string\n      enum: [a, b]\n      x-qiwi-enum:\n        - value: a\n          name: A\n          description: A.\n        - value: b\n          name: B\n          description: B.\n",
        ["open enum schema"] = s => MiniSpec.Replace(Size, "        size:\n          $ref: " + Yaml("#/components/schemas/" + Pointer(s)))
            + "\n    " + Yaml(s) + ":\n      type: string\n      x-qiwi-enum:\n        - value: a\n          name: A\n          description: A.\n        - value: b\n          name: B\n          description: B.\n",
        ["enum description"] = s => MiniSpec.Replace("          description: Busy.", "          description: " + Yaml(s)),
        ["integer enum member"] = s => MiniSpec.Replace("          name: Busy", "          name: " + Yaml(s)),
        ["xml name"] = s => MiniSpec.Replace("        name: response", "        name: " + Yaml(s)),
        ["envelope wrapper"] = s => MiniSpec.Text.Replace("  wrapper: response", "  wrapper: " + Yaml(s), StringComparison.Ordinal)
            .Replace("        response:\n          $ref", "        " + Yaml(s) + ":\n          $ref", StringComparison.Ordinal).Replace("required: [response]", "required: [" + Yaml(s) + "]", StringComparison.Ordinal),
        ["result code field"] = s => MiniSpec.Text.Replace("  resultCode: result_code", "  resultCode: " + Yaml(s), StringComparison.Ordinal)
            .Replace("        result_code:\n", "        " + Yaml(s) + ":\n", StringComparison.Ordinal).Replace("required: [result_code]", "required: [" + Yaml(s) + "]", StringComparison.Ordinal),
        ["real: enum value in a redirect"] = s => RealReplace(Real.Value, "      enum: [qw, mobile, card, wm, ssk]\n      x-qiwi-enum:\n        - value: qw\n",
            "      enum: [" + Yaml(s) + ", mobile, card, wm, ssk]\n      x-qiwi-enum:\n        - value: " + Yaml(s) + "\n"),
        ["real: form property"] = s => RealReplace(RealReplace(Real.Value, "      required: [user, amount, ccy, comment, lifetime]\n", "      required: [" + Yaml(s) + ", amount, ccy, comment, lifetime]\n"),
            "        user:\n          description: 'The QIWI Wallet user''s ID", "        " + Yaml(s) + ":\n          description: 'The QIWI Wallet user''s ID"),
        ["real: webhook field"] = s => RealReplace(Real.Value, "      required: [bill_id, status, amount, user, prv_name, ccy, comment, command]\n      properties:\n        bill_id:\n",
            "      required: [" + Yaml(s) + ", status, amount, user, prv_name, ccy, comment, command]\n      properties:\n        " + Yaml(s) + ":\n"),
        ["real: redirect parameter"] = s => RealReplace(Real.Value, "        - name: embedded\n          in: query", "        - name: " + Yaml(s) + "\n          in: query"),
        ["real: inbound redirect parameter"] = s => RealReplace(Real.Value, "        - name: order\n          in: query\n          required: true\n          description: The invoice's `bill_id` (the `transaction` of the checkout request).\n          x-qiwi-name: BillId\n",
            "        - name: order\n          in: query\n          required: true\n          description: The invoice's `bill_id` (the `transaction` of the checkout request).\n          x-qiwi-name: " + Yaml(s) + "\n"),
    };

    /// <summary>The mini spec whose Item.size is a string enum State of two values with their member names.</summary>
    public static string WithState(string firstValue, string firstName, string secondValue, string secondName)
        => MiniSpec.Replace(Size, "        size:\n          $ref: '#/components/schemas/State'")
            + "\n    State:\n      type: string\n      enum: [" + Yaml(firstValue) + ", " + Yaml(secondValue) + "]\n      x-qiwi-enum:\n        - value: " + Yaml(firstValue) + "\n          name: " + Yaml(firstName)
            + "\n          description: A.\n        - value: " + Yaml(secondValue) + "\n          name: " + Yaml(secondName) + "\n          description: B.\n";

    private static string RealReplace(string spec, string oldText, string newText)
    {
        Assert.Contains(oldText, spec, StringComparison.Ordinal);
        return spec.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
