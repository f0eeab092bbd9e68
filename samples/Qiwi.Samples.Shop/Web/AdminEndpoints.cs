using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qiwi.Samples.Shop.Data;
using Qiwi.Samples.Shop.Payments;

namespace Qiwi.Samples.Shop.Web;

/// <summary>
/// The merchant's admin area behind ASP.NET Core's cookie authentication: one configured password
/// (<c>Shop:AdminPassword</c>), compared in constant time; sign-in attempts limited per address; every form
/// carries an antiforgery token; the cookie is HttpOnly and SameSite=Strict.
/// </summary>
internal static partial class AdminEndpoints
{
    private const string LoginLimit = "admin-login";
    private const string FlashCookie = "shop_admin_message";

    public static void AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/admin/login";
            options.Cookie.Name = "shop_admin";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(LoginLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    public static void MapAdminPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl)
            => Forms.Page(AdminPages.Login(Forms.Token(context, antiforgery), null, returnUrl)));

        app.MapPost("/admin/login", async (HttpContext context, IAntiforgery antiforgery, IOptions<ShopOptions> options) =>
        {
            var form = await Forms.ReadValidAsync(context, antiforgery);
            if (form is null)
            {
                return Forms.Expired();
            }

            var returnUrl = form["returnUrl"].ToString();
            if (!PasswordMatches(form["password"].ToString(), options.Value.AdminPassword))
            {
                return Forms.Page(AdminPages.Login(Forms.Token(context, antiforgery), "That password is not right.", returnUrl), StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(AdminPath().IsMatch(returnUrl) ? returnUrl : "/admin");
        }).DisableAntiforgery().RequireRateLimiting(LoginLimit);

        var admin = app.MapGroup("/admin").RequireAuthorization().DisableAntiforgery();
        admin.MapGet("", async (HttpContext context, IAntiforgery antiforgery, OrderRepository orders, RefundRepository refunds, IOptions<ShopOptions> shop) =>
        {
            // The outcome of the last refund, shown once (Post/Redirect/Get: reloading the page never refunds again).
            var flash = context.Request.Cookies[FlashCookie];
            // Deleted under the path it was set with: a browser keeps a cookie of another path (Delete's default is "/").
            context.Response.Cookies.Delete(FlashCookie, new CookieOptions { Path = "/admin" });
            var error = flash?.StartsWith('!') == true;
            return await OrdersPageAsync(context, antiforgery, orders, refunds, shop.Value.AdminPageSize, error ? flash![1..] : flash, error);
        });

        admin.MapPost("/orders/{id}/refunds", async (string id, HttpContext context, IAntiforgery antiforgery, Refunding refunding) =>
        {
            var form = await Forms.ReadValidAsync(context, antiforgery);
            if (form is null)
            {
                return Forms.Expired();
            }

            var outcome = await refunding.RefundAsync(id, form["amount"], context.RequestAborted);
            // Clipped: QIWI's words can be any length, and a browser drops a cookie over 4096 bytes (escaped, a character can take 12).
            context.Response.Cookies.Append(FlashCookie, (outcome.Succeeded ? "" : "!") + OrderRepository.Clip(outcome.Message, 300), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/admin" });
            return Results.Redirect("/admin");
        });

        admin.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (await Forms.ReadValidAsync(context, antiforgery) is null)
            {
                return Forms.Expired();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
    }

    /// <summary>
    /// The orders, newest first, <paramref name="size"/> a page: <c>?after={cursor}</c> is the page after the cursor's
    /// order (a link the page writes; anything else shows the newest page), <c>?order={id}</c> that one order.
    /// </summary>
    private static async Task<IResult> OrdersPageAsync(HttpContext context, IAntiforgery antiforgery, OrderRepository orders, RefundRepository refunds, int size, string? message, bool error)
    {
        var find = context.Request.Query["order"].ToString().Trim();
        var after = PageCursor.TryParse(context.Request.Query["after"].ToString());
        IReadOnlyList<OrderRecord> list;
        PageCursor? next = null;
        if (find.Length > 0)
        {
            list = find.Length <= 40 && await orders.FindAsync(find, context.RequestAborted) is { } found ? [found] : [];
        }
        else
        {
            var (page, more) = await orders.PageAsync(after, size, context.RequestAborted);
            list = page;
            next = more ? new PageCursor(page[^1].CreatedAt, page[^1].Id) : null;
        }

        var byOrder = await refunds.ListAsync(list.Select(o => o.Id), context.RequestAborted);
        var view = new AdminPages.OrdersView(list, byOrder, Forms.Token(context, antiforgery), message, error, find.Length > 0 ? find : null, after is not null, next);
        return Forms.Page(AdminPages.Orders(view));
    }

    /// <summary>
    /// A return URL after sign-in that is plainly a page of the admin area: <c>/admin</c> and segments of letters, digits,
    /// <c>-</c> and <c>_</c>. No dot segments (<c>/admin/..//x</c> is <c>//x</c>), backslashes (browsers read them as
    /// <c>/</c>), control characters (a CR or LF in a Location header is a 500 with the sign-in's cookie lost) or query.
    /// </summary>
    [GeneratedRegex(@"^/admin(/[A-Za-z0-9_-]+)*/?\z")]
    private static partial Regex AdminPath();

    private static bool PasswordMatches(string typed, string? configured)
        => !string.IsNullOrEmpty(configured)
           && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(typed)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
