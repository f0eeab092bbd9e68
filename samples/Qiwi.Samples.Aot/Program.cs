using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Qiwi.AspNetCore;
using Qiwi.Runtime;
using Qiwi.Samples.Aot;

// A payment through a native AOT build: the generated client, Qiwi.Runtime and the notification endpoint of
// Qiwi.AspNetCore, trimmed and compiled ahead of time. It runs against a sandbox you start yourself:
//   dotnet run --project src/Qiwi.Sandbox -- --urls http://127.0.0.1:5080   (the test shop's settings are in docs/sandbox.md)
//   QIWI_SHOP_ID=373712 QIWI_API_ID=23441234 QIWI_API_PASSWORD=sandbox-api-password \
//   QIWI_NOTIFICATION_PASSWORD=sandbox-notification-password ./Qiwi.Samples.Aot --base-url http://127.0.0.1:5080/
// Exit code 0 only if every step behaved as the docs say.
var baseUrlArgument = args.SkipWhile(a => a != "--base-url").Skip(1).FirstOrDefault();
string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
if (baseUrlArgument is null || !Uri.TryCreate(baseUrlArgument, UriKind.Absolute, out var baseUrl)
    || Setting("QIWI_SHOP_ID") is not { } shopText || !long.TryParse(shopText, NumberStyles.None, CultureInfo.InvariantCulture, out var shopId)
    || Setting("QIWI_API_ID") is not { } apiId || Setting("QIWI_API_PASSWORD") is not { } apiPassword
    || Setting("QIWI_NOTIFICATION_PASSWORD") is not { } notificationPassword)
{
    Console.Error.WriteLine("Usage: Qiwi.Samples.Aot --base-url <sandbox URL>, with QIWI_SHOP_ID, QIWI_API_ID, QIWI_API_PASSWORD and QIWI_NOTIFICATION_PASSWORD set.");
    return 2;
}

Console.WriteLine($"Native AOT: {!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported}");

// The merchant's notification endpoint, on its own loopback port.
var received = new ConcurrentQueue<BillNotification>();
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();

// The client as an app registers it (docs/configuration.md): its settings read from the "Qiwi" section, which here
// holds the settings given above, with the API and every redirect moved to the sandbox. Read key by key by the
// options' generated ReadSettings: `Bind` would need reflection here (.NET's binding generator cannot see a type
// another generator made, so the trimmed binary would get options with nothing set).
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Qiwi:ShopId"] = shopText,
    ["Qiwi:ApiId"] = apiId,
    ["Qiwi:ApiPassword"] = apiPassword,
    ["Qiwi:SandboxBaseUrl"] = baseUrl.AbsoluteUri,
});
builder.Services.AddQiwiPullClient(builder.Configuration.GetSection("Qiwi"));
await using var app = builder.Build();
var shop = shopId.ToString(CultureInfo.InvariantCulture);
app.MapQiwiNotifications(
    "/qiwi/notify",
    BillNotificationWebhook.Descriptor,
    new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Signature, ShopId = shop, NotificationPassword = notificationPassword },
    (notification, _, _) =>
    {
        received.Enqueue(notification);
        return Task.CompletedTask;
    });
await app.StartAsync();
var notifyUrl = app.Urls.First() + "/qiwi/notify";

using var http = new HttpClient();
var steps = new Steps();

// The sandbox posts this shop's final statuses, signed, to the endpoint above (its control API; no serializer needed).
await steps.RunAsync("Point the sandbox's notifications here", "200", async () =>
{
    var body = "{\"notification_url\":\"" + notifyUrl + "\",\"sign_notifications\":true}";
    using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(baseUrl, "sandbox/control/shops/" + shop)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    using var response = await http.SendAsync(request);
    return (response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
});

var client = app.Services.GetRequiredService<IQiwiPullClient>();
var billId = "AOT-" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);

await steps.RunAsync("Create an invoice of 100.00 RUB", "waiting", async () =>
{
    var bill = await client.CreateBillAsync(billId, "tel:+79031234567", 100m, Currency.Rub, "Order " + billId, DateTimeOffset.UtcNow.AddDays(2));
    return (bill.Status == BillStatus.Waiting && bill.Amount == 100m, $"{bill.BillId}: {bill.Amount} {bill.Currency}, {bill.Status}");
});

await steps.RunAsync("Build the checkout URL", "shop and transaction", () =>
{
    var url = client.Redirects.Checkout(shop, billId, successUrl: "https://shop.example/success");
    return Task.FromResult((url.Query.Contains("transaction=" + billId, StringComparison.Ordinal), url.AbsoluteUri));
});

await steps.RunAsync("The payer pays", "200", async () =>
{
    using var response = await http.PostAsync(new Uri(baseUrl, $"sandbox/control/bills/{shop}/{Uri.EscapeDataString(billId)}/pay"), null);
    return (response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
});

await steps.RunAsync("Receive the signed notification", "signature verified; paid", async () =>
{
    for (var waited = 0; waited < 300; waited++)
    {
        if (received.FirstOrDefault(n => n.BillId == billId) is { } notification)
        {
            return (notification.Status == BillStatus.Paid && notification.Amount == 100m, $"{notification.Status}, {notification.Amount} {notification.Currency}");
        }

        await Task.Delay(50);
    }

    return (false, "no notification arrived in 15 s");
});

await steps.RunAsync("Read the status", "paid, final", async () =>
{
    var status = await client.GetBillStatusAsync(billId);
    return (status.Status == BillStatus.Paid && status.Status.IsFinal(), $"{status.Status.ToWireValue()}, final={status.Status.IsFinal()}");
});

await steps.RunAsync("Refund 60.00", "success", async () =>
{
    var refund = await client.CreateRefundAsync(billId, "R1", 60m);
    return (refund.Status == RefundStatus.Success && refund.Amount == 60m, $"{refund.RefundId}: {refund.Amount}, {refund.Status.ToWireValue()}");
});

await steps.RunAsync("Refund 40.01", "refused with 242 (more than is left)", async () =>
{
    try
    {
        await client.CreateRefundAsync(billId, "R2", 40.01m);
        return (false, "the over-refund was accepted");
    }
    catch (QiwiApiException error)
    {
        var code = (ResultCode)error.ResultCode;
        return (code == ResultCode.AmountTooLarge, $"{error.ResultCode}: {code.GetDescription()}");
    }
});

// The same checks a forger meets, inside the trimmed binary: the pattern of `user` (a regular expression) refuses
// before anything is sent, and the endpoint verifies the HMAC of a notification (one bit of it flipped here).
await steps.RunAsync("A payer without tel: is refused before sending", "ArgumentException naming user", async () =>
{
    try
    {
        await client.CreateBillAsync(billId + "-X", "79031234567", 1m, Currency.Rub, "x", DateTimeOffset.UtcNow.AddDays(1));
        return (false, "sent");
    }
    catch (ArgumentException error)
    {
        return (error.ParamName == "user", $"{error.GetType().Name} for '{error.ParamName}'");
    }
});

await steps.RunAsync("A notification signed with the password is taken, one bit off is not", "0, then refused; the handler sees only the first", async () =>
{
    var fields = new Dictionary<string, string>
    {
        ["command"] = "bill", ["bill_id"] = billId + "-N", ["status"] = "paid", ["error"] = "0", ["amount"] = "1.00",
        ["user"] = "tel:+79031234567", ["prv_name"] = "Shop", ["ccy"] = "RUB", ["comment"] = "signed here",
    };
    var answers = new List<string>();
    foreach (var (suffix, flip) in new[] { ("-N", false), ("-F", true) })
    {
        fields["bill_id"] = billId + suffix;
        var signature = Convert.FromBase64String(QiwiSignature.Compute(BillNotificationWebhook.Signature, fields, notificationPassword));
        if (flip)
        {
            signature[signature.Length / 2] ^= 0x10;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, notifyUrl) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Api-Signature", Convert.ToBase64String(signature));
        using var response = await http.SendAsync(request);
        answers.Add(await response.Content.ReadAsStringAsync());
    }

    var taken = received.Any(n => n.BillId == billId + "-N");
    var forgedTaken = received.Any(n => n.BillId == billId + "-F");
    var ok = answers[0].Contains("<result_code>0</result_code>", StringComparison.Ordinal) && !answers[1].Contains("<result_code>0</result_code>", StringComparison.Ordinal) && taken && !forgedTaken;
    return (ok, $"signed: {answers[0].Trim()}; one bit off: {answers[1].Trim()}; handler saw the signed one: {taken}, the forged one: {forgedTaken}");
});

await app.StopAsync();
return steps.Finish();
