using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Qiwi.Sandbox.Tests;

/// <summary>
/// The docs' own example requests, taken from the spec, sent as the docs send them (their lifetimes are in
/// 2015 and 2016, so each runs on a sandbox whose clock is set a day before): the answers have the docs' shape.
/// </summary>
public sealed class DocsExampleTests
{
    [Fact]
    public async Task The_docs_create_cancel_status_and_refund_requests_are_answered_as_the_docs_show()
    {
        var examples = CreateBillExamples();
        Assert.Equal(4, examples.Count);

        // Each example runs on a sandbox whose clock is a day before the example's lifetime (2015 and 2016): the
        // sandbox refuses a lifetime in the past or more than 45 days ahead, as the spec says.
        for (var i = 0; i < examples.Count; i++)
        {
            var fields = examples[i];
            var lifetime = DateTimeOffset.Parse(fields.Single(p => p.Key == "lifetime").Value + "+03:00", System.Globalization.CultureInfo.InvariantCulture);
            await using var f = await SandboxFixture.StartAsync(now: lifetime.AddDays(-1));
            var billId = "BILL-" + (i + 1);
            var body = string.Join("&", fields.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            var response = await Envelope(await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/{billId}", body, accept: "text/json"));

            Assert.Equal(0, response.GetProperty("result_code").GetInt32());
            var bill = response.GetProperty("bill");
            Assert.Equal(billId, bill.GetProperty("bill_id").GetString());
            Assert.Equal(decimal.Parse(fields.Single(p => p.Key == "amount").Value, System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), bill.GetProperty("amount").GetString());
            Assert.Equal(fields.Single(p => p.Key == "user").Value, bill.GetProperty("user").GetString());
            Assert.Equal("waiting", bill.GetProperty("status").GetString());
            Assert.Equal(0, bill.GetProperty("error").GetInt32());
            if (i == 0)
            {
                await CancelAsTheDocsDo(f);
            }
            else if (i == 1)
            {
                await PayAndRefundAsTheDocsDo(f);
            }
        }
    }

    private static async Task CancelAsTheDocsDo(SandboxFixture f)
    {
        // The docs' cancel: PATCH status=rejected.
        var cancelled = await Envelope(await f.RawAsync(HttpMethod.Patch, $"api/v2/prv/{f.ShopId}/bills/BILL-1", "status=rejected", accept: "text/json"));
        Assert.Equal("rejected", cancelled.GetProperty("bill").GetProperty("status").GetString());
    }

    private static async Task PayAndRefundAsTheDocsDo(SandboxFixture f)
    {
        // The docs' status request, and refund: PUT amount=5.0 on a paid invoice -> "5.00", success.
        await f.PayAsync("BILL-2");
        var status = await Envelope(await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/BILL-2", null, accept: "text/json"));
        Assert.Equal("paid", status.GetProperty("bill").GetProperty("status").GetString());
        Assert.Equal(status.GetProperty("bill").GetProperty("amount").GetString(), status.GetProperty("bill").GetProperty("originAmount").GetString());
        var refund = await Envelope(await f.RawAsync(HttpMethod.Put, $"api/v2/prv/{f.ShopId}/bills/BILL-2/refund/REF1", "amount=5.0", accept: "text/json"));
        Assert.Equal(("REF1", "5.00", "success", 0), (refund.GetProperty("refund").GetProperty("refund_id").GetString(), refund.GetProperty("refund").GetProperty("amount").GetString(), refund.GetProperty("refund").GetProperty("status").GetString(), refund.GetProperty("refund").GetProperty("error").GetInt32()));

        // The docs' XML answer for the same refund status.
        var xml = await (await f.RawAsync(HttpMethod.Get, $"api/v2/prv/{f.ShopId}/bills/BILL-2/refund/REF1", null, accept: "text/xml")).Content.ReadAsStringAsync();
        Assert.Contains("<refund_id>REF1</refund_id>", xml, StringComparison.Ordinal);
        Assert.Contains("<status>success</status>", xml, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Envelope(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response").Clone();
        }
    }

    /// <summary>The create-invoice examples of the spec (the docs' curl and PHP bodies, Mobile Commerce ones included).</summary>
    private static List<List<KeyValuePair<string, string>>> CreateBillExamples()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Qiwi.Testing.RepositoryRoot.Spec)));
        var examples = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["components"])["examples"];
        return examples.Children
            .Where(e => ((YamlScalarNode)e.Key).Value!.StartsWith("CreateBillForm", StringComparison.Ordinal))
            .Select(e => ((YamlMappingNode)((YamlMappingNode)e.Value)["value"]).Children
                .Select(p => new KeyValuePair<string, string>(((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!)).ToList())
            .ToList();
    }
}
