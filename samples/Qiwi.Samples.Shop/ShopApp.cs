using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.AspNetCore;
using Qiwi.Runtime;
using Qiwi.Sandbox.Hosting;

namespace Qiwi.Samples.Shop;

/// <summary>
/// The merchant site. With <c>Qiwi:BaseUrl</c> unset it starts the embedded sandbox, points the sandbox's
/// notifications at itself, and sends payers to the sandbox's checkout pages.
/// </summary>
public sealed class ShopApp : IAsyncDisposable
{
    private const decimal Price = 1500m;

    private readonly WebApplication _app;
    private readonly SandboxHost? _sandbox;

    private ShopApp(WebApplication app, SandboxHost? sandbox)
    {
        _app = app;
        _sandbox = sandbox;
    }

    /// <summary>Where the shop listens.</summary>
    public Uri Url => new(_app.Urls.First() + "/");

    public static async Task<ShopApp> StartAsync(string[] args, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        var settings = builder.Configuration.GetSection("Qiwi").Get<ShopSettings>() ?? new ShopSettings();
        SandboxHost? sandbox = null;
        if (settings.BaseUrl is null)
        {
            sandbox = await SandboxHost.StartAsync(configure: o => o.Shops.Add(Qiwi.Sandbox.Shops.SandboxOptions.TestShop));
            settings = new ShopSettings
            {
                BaseUrl = sandbox.BaseUrl,
                CheckoutBaseUrl = sandbox.BaseUrl,
                ShopId = sandbox.Shop.ShopId,
                ApiId = sandbox.Shop.ApiId,
                ApiPassword = sandbox.Shop.ApiPassword,
                NotificationPassword = sandbox.Shop.NotificationPassword,
            };
        }

        builder.Services.AddSingleton(Options.Create(settings));
        builder.Services.AddSingleton<OrderBook>();
        builder.Services.AddQiwiPullClient(options =>
        {
            options.BaseUrl = settings.BaseUrl!;
            options.ApiId = settings.ApiId;
            options.ApiPassword = settings.ApiPassword;
        });

        var app = builder.Build();
        Map(app, settings);
        await app.StartAsync();
        var shop = new ShopApp(app, sandbox);
        if (sandbox is not null)
        {
            sandbox.Shop.NotificationUrl = new Uri(shop.Url, "qiwi/notify");
            sandbox.Shop.SignNotifications = true;
        }

        return shop;
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    private static void Map(WebApplication app, ShopSettings settings)
    {
        var shopId = settings.ShopId.ToString(CultureInfo.InvariantCulture);
        app.MapGet("/", () => Html(Pages.Product()));

        // Buy: create the order, issue the invoice, send the payer to checkout.
        app.MapPost("/orders", async (HttpContext context, OrderBook orders, IQiwiPullClient qiwi) =>
        {
            var order = orders.Create("Contract-first APIs", Price);
            await qiwi.CreateBillAsync(settings.ShopId, order.Id, "tel:+79031234567", order.Amount, Currency.Rub, "Order " + order.Id, DateTimeOffset.UtcNow.AddDays(1), merchantName: "Book shop", cancellationToken: context.RequestAborted);
            var self = context.Request.Scheme + "://" + context.Request.Host;
            var checkout = QiwiPullRedirects.Checkout(shopId, order.Id, successUrl: self + "/success", failUrl: self + "/fail");
            return Results.Redirect(settings.CheckoutBaseUrl is null ? checkout.AbsoluteUri : new Uri(settings.CheckoutBaseUrl, checkout.PathAndQuery).AbsoluteUri);
        }).DisableAntiforgery();

        // QIWI's notification: the final status of an invoice. Result 0 only once it is recorded.
        app.MapQiwiNotifications("/qiwi/notify", BillNotificationWebhook.Descriptor,
            new QiwiNotificationOptions { Authentication = QiwiNotificationAuthentication.Signature, ShopId = shopId, NotificationPassword = settings.NotificationPassword },
            (notification, context, _) =>
            {
                var order = context.RequestServices.GetRequiredService<OrderBook>().Find(notification.BillId) ?? throw new InvalidOperationException("Unknown order " + notification.BillId);
                order.Status = notification.StatusWireValue ?? notification.Status.ToWireValue();
                return Task.CompletedTask;
            });

        // The payer comes back; `order` is the bill id. The status comes from the notification, not from here.
        app.MapGet("/success", (HttpContext context, OrderBook orders) =>
            Html(Pages.Result("Thank you", orders.Find(QiwiPullRedirects.TryParseCheckoutReturn(new Uri(context.Request.GetEncodedUrl()), out var back) ? back.BillId : null))));
        app.MapGet("/fail", (HttpContext context, OrderBook orders) =>
            Html(Pages.Result("The payment did not go through", orders.Find(QiwiPullRedirects.TryParseCheckoutReturn(new Uri(context.Request.GetEncodedUrl()), out var back) ? back.BillId : null))));

        app.MapGet("/admin", (OrderBook orders) => Html(Pages.Admin(orders.All)));
        app.MapPost("/admin/orders/{id}/refund", async (string id, OrderBook orders, IQiwiPullClient qiwi, CancellationToken cancellationToken) =>
        {
            var order = orders.Find(id);
            if (order is null)
            {
                return Html(Pages.Message("Unknown order", id));
            }

            try
            {
                var refund = await qiwi.CreateRefundAsync(settings.ShopId, order.Id, "R1", order.Amount - order.Refunded, cancellationToken);
                order.Refunded += refund.Amount;
                order.Status = "refunded";
                return Results.Redirect("/admin");
            }
            catch (QiwiApiException error)
            {
                var code = (ResultCode)error.ResultCode;
                return Html(Pages.Message("Refund refused", $"{error.ResultCode} {code}: {code.GetDescription()}"));
            }
        }).DisableAntiforgery();
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
}
