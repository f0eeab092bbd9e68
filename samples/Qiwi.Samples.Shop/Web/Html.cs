using System.Globalization;
using System.Net;

namespace Qiwi.Samples.Shop.Web;

/// <summary>The page shell and small HTML helpers: every value written into a page is encoded here.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture) + " RUB";

    public static string Status(string status, string? id = null)
        => $"<span class=\"status status-{E(status)}\"{(id is null ? "" : $" id=\"{E(id)}\"")}>{E(status)}</span>";

    public static string Time(long unixMilliseconds)
        => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Antiforgery(string token) => $"<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{E(token)}\">";

    public static string Message(string? text, bool error)
        => string.IsNullOrEmpty(text) ? "" : $"<div class=\"message{(error ? " error" : "")}\" role=\"{(error ? "alert" : "status")}\" id=\"message\">{E(text)}</div>";

    /// <summary>A whole page: language, title, skip link, navigation, one main landmark.</summary>
    public static string Page(string title, string body, string? adminToken = null)
        => $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Book shop</title>
            <link rel="stylesheet" href="/shop.css">
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="site"><nav aria-label="Site">
            <a class="brand" href="/">Book shop</a>
            <a href="/orders">My orders</a>
            {(adminToken is not null ? "<a href=\"/admin\">Orders (admin)</a><form method=\"post\" action=\"/admin/logout\">" + Antiforgery(adminToken) + "<button class=\"secondary\" type=\"submit\" id=\"sign-out\">Sign out</button></form>" : "<a href=\"/admin\">Admin</a>")}
            </nav></header>
            <main id="main">
            {body}
            </main>
            </body>
            </html>
            """;
}
