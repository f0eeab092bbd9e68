using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.Samples.Shop.Data;
using Qiwi.Samples.Shop.Payments;

namespace Qiwi.Samples.Shop.Web;

/// <summary>
/// The customer's side: product, placing an order (its invoice), the order summary with the checkout link,
/// the return from checkout (which reads the status from QIWI), and the order history of this browser.
/// </summary>
internal static partial class CustomerEndpoints
{
    private const string CustomerCookie = "shop_customer";
    private const string OrderLimit = "place-order";

    /// <summary>Limits the orders one address places (<see cref="ShopOptions.OrdersPerMinute"/>); a refused one gets a readable 429 page.</summary>
    public static void AddOrderRateLimit(this IServiceCollection services, int perMinute)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(OrderLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                return new ValueTask(rejected.HttpContext.Response.WriteAsync(
                    Html.Page("Please wait", "<h1>Please wait</h1>" + Html.Message("Too many attempts from your address. Wait a minute and try again.", error: true) + "<p><a href=\"/\">Back to the shop</a></p>"),
                    cancellationToken));
            };
        });
    }

    public static void MapCustomerPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/shop.css", () => Results.Stream(typeof(CustomerEndpoints).Assembly.GetManifestResourceStream("shop.css")!, "text/css; charset=utf-8"));

        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery, IOptions<ShopOptions> shop)
            => Forms.Page(CustomerPages.Product(shop.Value, Forms.Token(context, antiforgery), null)));

        app.MapPost("/orders", async (HttpContext context, IAntiforgery antiforgery, Checkout checkout, IOptions<ShopOptions> shop) =>
        {
            var form = await Forms.ReadValidAsync(context, antiforgery);
            if (form is null)
            {
                return Forms.Expired();
            }

            var phone = form["phone"].ToString().Trim().Replace(" ", "", StringComparison.Ordinal);
            if (!Phone().IsMatch(phone))
            {
                return Forms.Page(CustomerPages.Product(shop.Value, Forms.Token(context, antiforgery), "Enter your QIWI Wallet phone number in international format, e.g. +79031234567."), StatusCodes.Status400BadRequest);
            }

            var placed = await checkout.PlaceAsync(Customer(context, create: true)!, phone, context.RequestAborted);
            return Results.Redirect("/orders/" + Uri.EscapeDataString(placed.Order.Id));
        }).DisableAntiforgery().RequireRateLimiting(OrderLimit);

        app.MapGet("/orders/{id}", async (string id, HttpContext context, OrderRepository orders, Checkout checkout) =>
        {
            var order = await FindOwnAsync(context, orders, id);
            return order is null
                ? Forms.Page(CustomerPages.Returned(false, null), StatusCodes.Status404NotFound)
                : Forms.Page(CustomerPages.Summary(order, checkout.CheckoutUrl(order.Id), null));
        });

        app.MapGet("/orders", async (HttpContext context, OrderRepository orders) =>
            Forms.Page(CustomerPages.History(Customer(context, create: false) is { } customer ? await orders.ListAsync(customer, 100, context.RequestAborted) : [])));

        // The payer comes back from checkout (`order` is the bill id). Not a proof of payment: the shop asks QIWI
        // and applies what it says through the same exactly-once path as the notification.
        // At most one read per order per Shop:ReturnRefreshInterval (ReturnRefresh): a reload storm is not a QIWI call storm.
        app.MapGet("/success", (HttpContext context, OrderRepository orders, ReturnRefresh refresh) => ReturnedAsync(context, orders, refresh, success: true));
        app.MapGet("/fail", (HttpContext context, OrderRepository orders, ReturnRefresh refresh) => ReturnedAsync(context, orders, refresh, success: false));
    }

    private static async Task<IResult> ReturnedAsync(HttpContext context, OrderRepository orders, ReturnRefresh refresh, bool success)
    {
        var billId = QiwiPullRedirects.TryParseCheckoutReturn(new Uri(context.Request.GetEncodedUrl()), out var back) ? back.BillId : null;
        var order = billId is null ? null : await FindOwnAsync(context, orders, billId);
        if (order is { IsOpen: true })
        {
            await refresh.RefreshAsync(order.Id, context.RequestAborted);
            order = await orders.FindAsync(order.Id, context.RequestAborted);
        }

        return Forms.Page(CustomerPages.Returned(success, order));
    }

    /// <summary>The order, if it was placed from this browser.</summary>
    private static async Task<OrderRecord?> FindOwnAsync(HttpContext context, OrderRepository orders, string id)
    {
        var order = await orders.FindAsync(id, context.RequestAborted);
        return order is not null && order.Customer == Customer(context, create: false) ? order : null;
    }

    /// <summary>This browser's id (a random value in an HttpOnly cookie), created on the first order.</summary>
    private static string? Customer(HttpContext context, bool create)
    {
        if (context.Request.Cookies.TryGetValue(CustomerCookie, out var id) && id.Length == 32 && id.All(char.IsAsciiHexDigitLower))
        {
            return id;
        }

        if (!create)
        {
            return null;
        }

        id = Ids.NewCustomerId();
        context.Response.Cookies.Append(CustomerCookie, id, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        return id;
    }

    [GeneratedRegex(@"^\+[0-9]{10,15}$")]
    private static partial Regex Phone();
}
