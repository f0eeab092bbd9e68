using System.Globalization;
using System.Net;
using System.Text;

namespace Qiwi.Samples.Shop;

/// <summary>The shop's HTML, kept plain.</summary>
internal static class Pages
{
    public static string Product() => Page("Book shop", """
        <h1>Book shop</h1>
        <p>"Contract-first APIs", paperback: <strong>1500.00 RUB</strong></p>
        <form method="post" action="/orders"><button type="submit" id="buy">Buy with QIWI</button></form>
        <p><a href="/admin">Admin</a></p>
        """);

    public static string Result(string title, Order? order) => Page(title, order is null
        ? "<h1>" + E(title) + "</h1><p>Unknown order.</p>"
        : "<h1>" + E(title) + "</h1><p>Order <span id=\"order\">" + E(order.Id) + "</span>: <span id=\"status\">" + E(order.Status) + "</span></p>"
          + "<p class=\"note\">The order is complete once QIWI's notification says \"paid\"; this page shows what the shop knows now.</p><p><a href=\"/admin\">Admin</a></p>");

    public static string Admin(IEnumerable<Order> orders)
    {
        var rows = new StringBuilder();
        foreach (var order in orders)
        {
            rows.Append("<tr id=\"row-").Append(E(order.Id)).Append("\"><td>").Append(E(order.Id)).Append("</td><td>").Append(E(order.Product))
                .Append("</td><td>").Append(order.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td class=\"status\">").Append(E(order.Status))
                .Append("</td><td>").Append(order.Refunded.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td>");
            if (order.Status == "paid" && order.Refunded < order.Amount)
            {
                rows.Append("<form method=\"post\" action=\"/admin/orders/").Append(E(order.Id)).Append("/refund\"><button type=\"submit\" id=\"refund-").Append(E(order.Id)).Append("\">Refund</button></form>");
            }

            rows.Append("</td></tr>");
        }

        return Page("Orders", "<h1>Orders</h1><table><tr><th>Order</th><th>Product</th><th>Amount</th><th>Status</th><th>Refunded</th><th></th></tr>" + rows + "</table>");
    }

    public static string Message(string title, string text) => Page(title, "<h1>" + E(title) + "</h1><p>" + E(text) + "</p><p><a href=\"/admin\">Admin</a></p>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body)
        => "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + "</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto}td,th{padding:.3rem .8rem .3rem 0;text-align:left}.note{color:#555}</style></head><body>" + body + "</body></html>";
}
