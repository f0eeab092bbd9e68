using System.Globalization;
using Qiwi.Runtime;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>Notifications as an attacker (or a QIWI that got something wrong) would post them: any fields, signed with the shop's notification password or not.</summary>
internal static class RedTeamNotifications
{
    public static KeyValuePair<string, string>[] Fields(string billId, string status, string amount, string currency = "RUB")
        =>
        [
            new("command", "bill"), new("bill_id", billId), new("status", status), new("error", "0"), new("amount", amount),
            new("user", "tel:+79031234567"), new("prv_name", "Book shop"), new("ccy", currency), new("comment", "Order " + billId),
        ];

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Posts <paramref name="fields"/> signed with <paramref name="password"/> (null: no signature header); returns the result code the shop answered.</summary>
    public static async Task<int> PostAsync(HttpClient http, Uri shop, IReadOnlyList<KeyValuePair<string, string>> fields, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shop, "qiwi/notify")) { Content = new FormUrlEncodedContent(fields) };
        if (password is not null)
        {
            var signature = BillNotificationWebhook.Signature;
            request.Headers.Add(signature.Target, QiwiSignature.Compute(signature, fields, password));
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(body, "<result_code>([0-9]+)</result_code>");
        Assert.True(match.Success, $"HTTP {(int)response.StatusCode}: {body}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
