using Qiwi.Runtime;
using Qiwi.Samples.Console;
using Qiwi.Sandbox.Hosting;

// The main job: a complete payment, as the docs describe it, with the client generated from
// spec/qiwi-pull.yaml at build time. Against the embedded sandbox by default; with --base-url and
// QIWI_SHOP_ID / QIWI_API_ID / QIWI_API_PASSWORD (environment or `dotnet user-secrets set`) against a real endpoint,
// where only the steps that need no payer run (create, status, checkout URL, cancel).
var baseUrlArgument = args.SkipWhile(a => a != "--base-url").Skip(1).FirstOrDefault();
var settings = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddUserSecrets(typeof(Walkthrough).Assembly, optional: true)
    .Build();
if (baseUrlArgument is not null && new[] { "QIWI_SHOP_ID", "QIWI_API_ID", "QIWI_API_PASSWORD" }.Where(n => string.IsNullOrEmpty(settings[n])).ToList() is { Count: > 0 } missing)
{
    Console.Error.WriteLine($"Set {string.Join(", ", missing)} (environment or dotnet user-secrets) to run against {baseUrlArgument}.");
    return 2;
}

Walkthrough.Say("QIWI Pull REST API: a complete payment");

// The merchant's notification endpoint starts first, so the sandbox knows where to post.
var testShop = Qiwi.Sandbox.Shops.SandboxOptions.TestShop;
await using var listener = baseUrlArgument is null ? await NotificationListener.StartAsync(testShop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture), testShop.NotificationPassword) : null;
await using var sandbox = listener is null ? null : await SandboxHost.StartAsync(configure: options =>
{
    testShop.NotificationUrl = listener.Url;
    testShop.SignNotifications = true;
    options.Shops.Add(testShop);
});
var (baseUrl, shopId, apiId, apiPassword, notificationPassword) = sandbox is not null
    ? (sandbox.BaseUrl, sandbox.Shop.ShopId, sandbox.Shop.ApiId, sandbox.Shop.ApiPassword, sandbox.Shop.NotificationPassword)
    : (new Uri(baseUrlArgument!), long.Parse(settings["QIWI_SHOP_ID"]!, System.Globalization.CultureInfo.InvariantCulture), settings["QIWI_API_ID"]!, settings["QIWI_API_PASSWORD"]!, settings["QIWI_NOTIFICATION_PASSWORD"] ?? string.Empty);
Walkthrough.Say(sandbox is not null
    ? $"Embedded sandbox at {baseUrl}, shop {shopId}, notifications to {listener!.Url}"
    : $"Real endpoint {baseUrl}, shop {shopId} (only the steps that need no payer run)");

using var http = new HttpClient();
// One options object knows every host: production by default, or the sandbox for the API and every redirect.
var options = new QiwiPullClientOptions { ApiId = apiId, ApiPassword = apiPassword, ShopId = shopId };
if (sandbox is not null)
{
    options.UseSandbox(baseUrl);
}
else
{
    options.BaseUrl = baseUrl;
}

var client = new QiwiPullClient(http, options);
var run = DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
var billId = "ORDER-" + run;
var walkthrough = new Walkthrough();

var bill = await walkthrough.StepAsync("Create an invoice of 100.00 RUB", "status waiting", async () =>
{
    var created = await client.CreateBillAsync(billId, "tel:+79031234567", 100m, Currency.Rub, "Order " + run + ": two books", DateTimeOffset.UtcNow.AddDays(2), merchantName: "Book shop");
    return (created, created.Status == BillStatus.Waiting, $"bill {created.BillId}, {created.Amount} {created.Currency}, {created.Status}");
});

await walkthrough.StepAsync("Send the payer to QIWI Checkout", "a checkout URL with shop and transaction", () =>
{
    var url = client.Redirects.Checkout(shopId.ToString(System.Globalization.CultureInfo.InvariantCulture), billId, successUrl: "https://shop.example/success", failUrl: "https://shop.example/fail");
    return Task.FromResult((url, url.Query.Contains("transaction=" + billId, StringComparison.Ordinal), url.AbsoluteUri));
});

if (sandbox is null)
{
    await walkthrough.StepAsync("Read the status", "waiting", async () =>
    {
        var status = await client.GetBillStatusAsync(billId);
        return (status, status.Status == BillStatus.Waiting, status.Status.ToString());
    });
    await walkthrough.StepAsync("Cancel the unpaid invoice", "rejected", async () =>
    {
        var cancelled = await client.CancelBillAsync(billId);
        return (cancelled, cancelled.Status == BillStatus.Rejected, cancelled.Status.ToString());
    });
    return walkthrough.Finish();
}

var payer = new SandboxControl(http, baseUrl, shopId);
await walkthrough.StepAsync("The payer pays on the checkout page", "the invoice is paid", async () =>
{
    await payer.PayAsync(billId);
    return (true, true, "paid on the sandbox's checkout");
});

await walkthrough.StepAsync("Receive the signed notification", "X-Api-Signature verifies; status paid", async () =>
{
    var notification = await listener!.WaitForAsync(billId, TimeSpan.FromSeconds(15));
    return (notification, notification?.Status == BillStatus.Paid, notification is null ? "no notification arrived" : $"verified, {notification.Status}, {notification.Amount} {notification.Currency}");
});

await walkthrough.StepAsync("Read the status", "paid, final", async () =>
{
    var status = await client.GetBillStatusAsync(billId);
    return (status, status.Status == BillStatus.Paid && status.Status.IsFinal(), $"{status.Status}, final={status.Status.IsFinal()}, paid {status.OriginAmount} {status.OriginCurrency}");
});

await walkthrough.StepAsync("Refund 60.00", "success", async () =>
{
    var refund = await client.CreateRefundAsync(billId, "R1", 60m);
    return (refund, refund.Status == RefundStatus.Success && refund.Amount == 60m, $"{refund.RefundId}: {refund.Amount}, {refund.Status}");
});

await walkthrough.StepAsync("Refund the remaining 40.00", "success", async () =>
{
    var refund = await client.CreateRefundAsync(billId, "R2", 40m);
    return (refund, refund.Status == RefundStatus.Success && refund.Amount == 40m, $"{refund.RefundId}: {refund.Amount}, {refund.Status}");
});

await walkthrough.StepAsync("Refund 0.01 more", "refused with 242 (more than is left)", async () =>
{
    try
    {
        await client.CreateRefundAsync(billId, "R3", 0.01m);
        return (false, false, "the over-refund was accepted");
    }
    catch (QiwiApiException error)
    {
        var code = (ResultCode)error.ResultCode;
        return (true, code == ResultCode.AmountTooLarge, $"{error.ResultCode} {code}: {code.GetDescription()} (fatal: {code.IsFatal()})");
    }
});

var mobileBillId = "MOBILE-" + run;
await walkthrough.StepAsync("Mobile Commerce: invoice paid from the phone balance", "waiting for the payer's SMS", async () =>
{
    var created = await client.CreateBillAsync(mobileBillId, "tel:+79161111111", 10m, Currency.Rub, "Top-up", DateTimeOffset.UtcNow.AddHours(1), PaySource.Mobile);
    return (created, created.Status == BillStatus.Waiting, $"{created.BillId}: {created.Status}, the operator has sent the SMS");
});

await walkthrough.StepAsync("The payer confirms by SMS", "paid", async () =>
{
    await payer.ConfirmSmsAsync(mobileBillId);
    var status = await client.GetBillStatusAsync(mobileBillId);
    return (status, status.Status == BillStatus.Paid, status.Status.ToString());
});

return walkthrough.Finish();
