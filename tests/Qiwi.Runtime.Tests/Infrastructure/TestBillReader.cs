using System.Text.Json;
using System.Xml;
using Qiwi.Runtime.Serialization;

namespace Qiwi.Runtime.Tests.Infrastructure;

/// <summary>
/// A hand-written reader of <c>{"response":{"result_code":0,"bill":{"bill_id":"..."}}}</c> and its XML form,
/// written the way generated readers are (on <see cref="QiwiJson"/> and <see cref="QiwiXml"/>), so the pipeline
/// is tested without the generator.
/// </summary>
internal sealed class TestBillReader : IQiwiResponseReader<TestBill>
{
    public static TestBillReader Instance { get; } = new();

    public int SuccessCode => 0;

    public QiwiEnvelope<TestBill> ReadJson(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject);
        QiwiEnvelope<TestBill>? envelope = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResponse = reader.ValueTextEquals("response"u8);
            reader.Read();
            if (isResponse)
            {
                envelope = ReadResult(ref reader);
            }
            else
            {
                QiwiJson.Skip(ref reader);
            }
        }

        return envelope ?? throw new JsonException("The body has no 'response'.");
    }

    public QiwiEnvelope<TestBill> ReadXml(ReadOnlySpan<byte> utf8Xml)
    {
        var root = QiwiXml.Parse(utf8Xml);
        if (root.Name.LocalName != "response")
        {
            throw new XmlException($"The root element is <{root.Name.LocalName}>, not <response>.");
        }

        var code = QiwiXml.ChildText(root, "result_code") ?? throw new XmlException("<result_code> is missing.");
        var bill = root.Element("bill");
        TestBill? payload = null;
        if (bill is not null)
        {
            var amount = QiwiXml.ChildText(bill, "amount");
            payload = new TestBill(
                QiwiXml.ChildText(bill, "bill_id") ?? throw new XmlException("<bill_id> is missing."),
                amount is null ? null : QiwiXml.ParseDecimal(amount));
        }

        return new QiwiEnvelope<TestBill>(QiwiXml.ParseInt32(code), QiwiXml.ChildText(root, "description"), payload);
    }

    private static QiwiEnvelope<TestBill> ReadResult(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        int? code = null;
        string? description = null;
        TestBill? bill = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "result_code":
                    code = QiwiJson.ReadInt32(ref reader);
                    break;
                case "description":
                    description = QiwiJson.ReadString(ref reader);
                    break;
                case "bill":
                    bill = ReadBill(ref reader);
                    break;
                default:
                    QiwiJson.Skip(ref reader);
                    break;
            }
        }

        return new QiwiEnvelope<TestBill>(code ?? throw new JsonException("'result_code' is missing."), description, bill);
    }

    private static TestBill ReadBill(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? billId = null;
        decimal? amount = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "bill_id":
                    billId = QiwiJson.ReadString(ref reader);
                    break;
                case "amount":
                    amount = QiwiJson.ReadDecimal(ref reader);
                    break;
                default:
                    QiwiJson.Skip(ref reader);
                    break;
            }
        }

        return new TestBill(billId ?? throw new JsonException("'bill_id' is missing."), amount);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }
    }
}
