using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qiwi.Benchmarks;

/// <summary>
/// What a careful developer would write by hand instead: HttpClient, a form body, Basic authorization, and a
/// System.Text.Json source-generated context for the envelope. No validation, no retries: the floor.
/// </summary>
internal sealed class BaselineClient(HttpClient http, string apiId, string apiPassword)
{
    private readonly AuthenticationHeaderValue _authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + apiPassword)));

    public Task<BaselineBill> CreateBillAsync(long shopId, string billId, string user, decimal amount, string currency, string comment, DateTimeOffset lifetime)
        => SendAsync(HttpMethod.Put, $"api/v2/prv/{shopId}/bills/{Uri.EscapeDataString(billId)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user,
            ["amount"] = decimal.Round(amount, 2, MidpointRounding.ToZero).ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
            ["ccy"] = currency,
            ["comment"] = comment,
            ["lifetime"] = lifetime.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        }), BaselineJson.Default.BaselineBillEnvelope, e => e.Response.Bill);

    public Task<BaselineBill> GetBillStatusAsync(long shopId, string billId)
        => SendAsync(HttpMethod.Get, $"api/v2/prv/{shopId}/bills/{Uri.EscapeDataString(billId)}", null, BaselineJson.Default.BaselineBillEnvelope, e => e.Response.Bill);

    public Task<BaselineBill> CancelBillAsync(long shopId, string billId)
        => SendAsync(HttpMethod.Patch, $"api/v2/prv/{shopId}/bills/{Uri.EscapeDataString(billId)}", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "rejected" }), BaselineJson.Default.BaselineBillEnvelope, e => e.Response.Bill);

    public Task<BaselineRefund> CreateRefundAsync(long shopId, string billId, string refundId, decimal amount)
        => SendAsync(HttpMethod.Put, $"api/v2/prv/{shopId}/bills/{Uri.EscapeDataString(billId)}/refund/{refundId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["amount"] = decimal.Round(amount, 2, MidpointRounding.ToZero).ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
        }), BaselineJson.Default.BaselineRefundEnvelope, e => e.Response.Refund);

    public Task<BaselineRefund> GetRefundStatusAsync(long shopId, string billId, string refundId)
        => SendAsync(HttpMethod.Get, $"api/v2/prv/{shopId}/bills/{Uri.EscapeDataString(billId)}/refund/{refundId}", null, BaselineJson.Default.BaselineRefundEnvelope, e => e.Response.Refund);

    private async Task<TPayload> SendAsync<TEnvelope, TPayload>(HttpMethod method, string path, HttpContent? content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TEnvelope> type, Func<TEnvelope, TPayload?> payload)
        where TEnvelope : IHasResultCode
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var envelope = JsonSerializer.Deserialize(body, type)!;
        return envelope.ResultCode == 0 && payload(envelope) is { } value ? value : throw new InvalidOperationException("result code " + envelope.ResultCode);
    }
}

public interface IHasResultCode
{
    int ResultCode { get; }
}

public sealed record BaselineBillEnvelope([property: JsonPropertyName("response")] BaselineBillResult Response) : IHasResultCode
{
    public int ResultCode => Response.ResultCode;
}

public sealed record BaselineBillResult([property: JsonPropertyName("result_code")] int ResultCode, [property: JsonPropertyName("description")] string? Description, [property: JsonPropertyName("bill")] BaselineBill? Bill);

public sealed record BaselineBill(
    [property: JsonPropertyName("bill_id")] string BillId,
    [property: JsonPropertyName("amount")] string Amount,
    [property: JsonPropertyName("ccy")] string Currency,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] int Error,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("comment")] string? Comment);

public sealed record BaselineRefundEnvelope([property: JsonPropertyName("response")] BaselineRefundResult Response) : IHasResultCode
{
    public int ResultCode => Response.ResultCode;
}

public sealed record BaselineRefundResult([property: JsonPropertyName("result_code")] int ResultCode, [property: JsonPropertyName("description")] string? Description, [property: JsonPropertyName("refund")] BaselineRefund? Refund);

public sealed record BaselineRefund(
    [property: JsonPropertyName("refund_id")] string RefundId,
    [property: JsonPropertyName("amount")] string Amount,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] int Error);

[JsonSerializable(typeof(BaselineBillEnvelope))]
[JsonSerializable(typeof(BaselineRefundEnvelope))]
internal sealed partial class BaselineJson : JsonSerializerContext
{
}
