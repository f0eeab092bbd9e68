using System.Text;
using Qiwi.Generator.Tests.Generated;
using Qiwi.Generator.Tests.Infrastructure;

namespace Qiwi.Generator.Tests;

/// <summary>
/// Every example of the spec is read by the models this project generated from it at build time
/// (through the real MSBuild integration), and what is read survives a write and a second read.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly Dictionary<string, Func<byte[], object>> JsonReaders = new()
    {
        ["BillEnvelope"] = body => BillEnvelope.FromJson(body),
        ["RefundEnvelope"] = body => RefundEnvelope.FromJson(body),
        ["ErrorEnvelope"] = body => ErrorEnvelope.FromJson(body),
    };

    private static readonly Dictionary<string, Func<byte[], object>> XmlReaders = new()
    {
        ["BillResult"] = body => BillResult.FromXml(body),
        ["RefundResult"] = body => RefundResult.FromXml(body),
        ["ErrorResult"] = body => ErrorResult.FromXml(body),
        ["NotificationReply"] = body => NotificationReply.FromXml(body),
    };

    private static readonly Dictionary<string, Func<List<KeyValuePair<string, string>>, object>> FormReaders = new()
    {
        ["CreateBillForm"] = CreateBillForm.FromForm,
        ["CancelBillForm"] = CancelBillForm.FromForm,
        ["CreateRefundForm"] = CreateRefundForm.FromForm,
        ["BillNotification"] = BillNotification.FromForm,
    };

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var example in SpecExamples.All)
        {
            if (example.MediaType != "text/html")
            {
                data.Add(example.Where);
            }
        }

        return data;
    }

    [Fact]
    public void The_spec_has_every_example_the_docs_give()
    {
        // 4 create-invoice bodies, cancel, refund, 3 notifications, and the responses of 5 operations
        // in 4 media types each, plus the notification replies.
        Assert.True(SpecExamples.All.Count >= 60, $"Only {SpecExamples.All.Count} examples were found.");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_read_by_the_generated_models(string where)
    {
        var example = SpecExamples.All.Single(e => e.Where == where);
        object model;
        if (example.MediaType.Contains("json", StringComparison.Ordinal))
        {
            model = JsonReaders[example.Schema](SpecExamples.ToJson(example.Value));
            var written = JsonOf(model);
            Assert.Equal(written, JsonOf(JsonReaders[example.Schema](written)));
        }
        else if (example.MediaType.Contains("xml", StringComparison.Ordinal))
        {
            var xml = Encoding.UTF8.GetBytes(((YamlDotNet.RepresentationModel.YamlScalarNode)example.Value).Value!);
            model = XmlReaders[example.Schema](xml);
            var written = ToXml(model);
            Assert.Equal(written, ToXml(XmlReaders[example.Schema](Encoding.UTF8.GetBytes(written))));
        }
        else
        {
            var fields = SpecExamples.ToForm(example.Value);
            model = FormReaders[example.Schema](fields);
            var written = Form(model);
            Assert.Equal(fields.Select(f => f.Key).Order(StringComparer.Ordinal), written.Select(f => f.Key).Order(StringComparer.Ordinal));
            Assert.Equal(written, Form(FormReaders[example.Schema](written)));
        }

        Assert.NotNull(model);
    }

    [Fact]
    public void Values_are_read_as_the_docs_mean_them()
    {
        var paid = BillEnvelope.FromJson("""{"response":{"result_code":0,"bill":{"bill_id":"BILL-1","amount":"10.00","originAmount":"10.00","ccy":"RUB","originCcy":"RUB","status":"paid","error":0,"user":"tel:+79031234567","comment":"test"}}}"""u8).Response;
        Assert.Equal(ResultCode.Success, paid.ResultCode);
        Assert.Equal(10.00m, paid.Bill!.Amount);
        Assert.Equal(BillStatus.Paid, paid.Bill.Status);
        Assert.True(paid.Bill.Status.IsFinal());
        Assert.Equal(Currency.Rub, paid.Bill.Currency);

        var refund = RefundResult.FromXml("<response><result_code>0</result_code><refund><refund_id>REF1</refund_id><amount>5.0</amount><status>success</status><error>0</error></refund></response>"u8);
        Assert.Equal(5.0m, refund.Refund!.Amount);
        Assert.Equal(RefundStatus.Success, refund.Refund.Status);

        var error = ErrorEnvelope.FromJson("""{"response":{"result_code":150,"description":"Authorization failed"}}"""u8).Response;
        Assert.Equal(ResultCode.AuthorizationError, error.ResultCode);
        Assert.True(error.ResultCode.IsFatal());
        Assert.Null(((ResultCode)934).IsFatal());
        Assert.False(ResultCode.ServerBusy.IsFatal());
    }

    [Fact]
    public void Unknown_wire_values_survive_a_round_trip()
    {
        var bill = BillResult.FromXml("<response><result_code>9999</result_code><bill><bill_id>B</bill_id><amount>1.00</amount><ccy>GBP</ccy><status>frozen</status><error>0</error><user>tel:+1</user></bill></response>"u8);

        Assert.Equal(9999, (int)bill.ResultCode);
        Assert.False(bill.ResultCode.IsDefined());
        Assert.Equal(BillStatus.Unknown, bill.Bill!.Status);
        Assert.Equal("frozen", bill.Bill.StatusWireValue);
        Assert.False(Currency.IsKnown(bill.Bill.Currency));

        var again = BillResult.FromXml(Encoding.UTF8.GetBytes(bill.ToXml().ToString()));
        Assert.Equal("frozen", again.Bill!.StatusWireValue);
        var json = new BillEnvelope { Response = bill }.ToJson();
        Assert.Contains("\"status\":\"frozen\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Contains("\"result_code\":9999", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal("frozen", BillEnvelope.FromJson(json).Response.Bill!.StatusWireValue);
        Assert.Equal(9999, (int)again.ResultCode);
        Assert.Equal("GBP", again.Bill.Currency);
    }

    [Fact]
    public void Unknown_notification_fields_are_kept()
    {
        var notification = BillNotification.FromForm(new Dictionary<string, string>
        {
            ["bill_id"] = "B", ["status"] = "paid", ["amount"] = "1.00", ["user"] = "tel:+7", ["prv_name"] = "S",
            ["ccy"] = "RUB", ["comment"] = "c", ["command"] = "bill", ["new_field"] = "kept",
        });

        Assert.Equal("kept", notification.AdditionalProperties["new_field"]);
        Assert.Contains(new KeyValuePair<string, string>("new_field", "kept"), notification.ToForm());
    }

    private static byte[] JsonOf(object model) => model switch
    {
        BillEnvelope m => m.ToJson(),
        RefundEnvelope m => m.ToJson(),
        ErrorEnvelope m => m.ToJson(),
        _ => throw new ArgumentException(model.GetType().Name),
    };

    private static string ToXml(object model) => model switch
    {
        BillResult m => m.ToXml().ToString(),
        RefundResult m => m.ToXml().ToString(),
        ErrorResult m => m.ToXml().ToString(),
        NotificationReply m => m.ToXml().ToString(),
        _ => throw new ArgumentException(model.GetType().Name),
    };

    private static List<KeyValuePair<string, string>> Form(object model) => model switch
    {
        CreateBillForm m => m.ToForm(),
        CancelBillForm m => m.ToForm(),
        CreateRefundForm m => m.ToForm(),
        BillNotification m => m.ToForm(),
        _ => throw new ArgumentException(model.GetType().Name),
    };
}
