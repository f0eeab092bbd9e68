using Qiwi.AspNetCore;
using Qiwi.Runtime;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>Posts a notification as QIWI would: the form of the docs, signed with the notification password.</summary>
internal static class SignedNotifications
{
    public static async Task<string> PostAsync(HttpClient http, Uri shop, string notificationPassword, string billId, string status, decimal amount)
    {
        var fields = Fields(billId, status, amount);
        var signature = BillNotificationWebhook.Signature;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shop, "qiwi/notify")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(signature.Target, QiwiSignature.Compute(signature, fields, notificationPassword));
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The key the shop's endpoint (Signature mode) gives this notification: that of the values its signature covers.</summary>
    public static string Key(string billId, string status, decimal amount)
        => QiwiNotificationKey.Compute(BillNotificationWebhook.Signature, Fields(billId, status, amount));

    public static KeyValuePair<string, string>[] Fields(string billId, string status, decimal amount)
        =>
        [
            new("command", "bill"), new("bill_id", billId), new("status", status), new("error", "0"),
            new("amount", amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)), new("user", "tel:+79031234567"),
            new("prv_name", "Book shop"), new("ccy", "RUB"), new("comment", "Order " + billId),
        ];
}
