using System.Text;
using Qiwi.Samples.Shop.Data;
using static Qiwi.Samples.Shop.Web.Html;

namespace Qiwi.Samples.Shop.Web;

/// <summary>The merchant's pages: sign-in and the orders with their refunds.</summary>
internal static class AdminPages
{
    public static string Login(string token, string? error, string? returnUrl) => Page("Sign in", $"""
        <h1>Sign in to the shop's admin</h1>
        {Message(error, error: true)}
        <form method="post" action="/admin/login" class="card">
        {Antiforgery(token)}
        <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
        <label for="password">Admin password</label>
        <input type="password" id="password" name="password" required autocomplete="current-password">
        <button type="submit" id="sign-in">Sign in</button>
        </form>
        """);

    /// <summary>What the orders page shows: one page of orders (or the one found), and where the next page starts.</summary>
    public sealed record OrdersView(
        IReadOnlyList<OrderRecord> Orders, ILookup<string, RefundRecord> Refunds, string Token, string? Message, bool Error, string? Found, bool Paged, PageCursor? Next);

    public static string Orders(OrdersView view)
    {
        var (orders, refunds, token) = (view.Orders, view.Refunds, view.Token);
        var rows = new StringBuilder();
        foreach (var order in orders)
        {
            var mine = refunds[order.Id].ToList();
            var refunded = mine.Where(r => r.Status == RefundState.Success).Sum(r => r.Amount);
            var pending = mine.Where(r => r.Status is RefundState.Pending or RefundState.Unknown or RefundState.Processing).Sum(r => r.Amount);
            rows.Append($"<tr id=\"row-{E(order.Id)}\"><td class=\"id\">{E(order.Id)}<br><span class=\"muted\">{Time(order.CreatedAt)}</span></td><td>{E(order.Phone)}</td>");
            rows.Append($"<td class=\"num\">{Money(order.Amount)}</td><td>{Status(order.Status)}{(order.Problem is null ? "" : $"<span class=\"muted problem\">{E(order.Problem)}</span>")}</td>");
            rows.Append($"<td class=\"num refunded\">{Money(refunded)}{(pending > 0 ? $"<br><span class=\"muted\">{Money(pending)} pending</span>" : "")}");
            if (mine.Count > 0)
            {
                rows.Append("<ul class=\"refunds\">");
                foreach (var refund in mine)
                {
                    rows.Append($"<li><span class=\"id\">{E(refund.RefundId)}</span> {Money(refund.Amount)} {Status(refund.Status)}{(refund.Problem is null ? "" : $"<details><summary>Why</summary><span class=\"muted\">{E(refund.Problem)}</span></details>")}</li>");
                }

                rows.Append("</ul>");
            }

            rows.Append("</td><td>");
            if (order.Status == OrderStatus.Paid && refunded + pending < order.Amount)
            {
                var field = "amount-" + order.Id;
                rows.Append($"""
                    <form method="post" action="/admin/orders/{E(order.Id)}/refunds" class="refund-form">
                    {Antiforgery(token)}
                    <label for="{E(field)}" class="sr-only">Refund amount, RUB</label><input type="text" inputmode="decimal" id="{E(field)}" name="amount" required value="{(order.Amount - refunded - pending).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}">
                    <button type="submit" id="refund-{E(order.Id)}">Refund</button>
                    </form>
                    """);
            }

            rows.Append("</td></tr>");
        }

        var pages = new List<string>();
        if (view.Found is not null || view.Paged)
        {
            pages.Add("<a href=\"/admin\" id=\"newest\">Newest orders</a>");
        }

        if (view.Next is not null)
        {
            pages.Add($"<a href=\"/admin?after={E(Uri.EscapeDataString(view.Next.ToString()))}\" id=\"older\">Older orders</a>");
        }

        var empty = orders.Count == 0 ? $"<p>{(view.Found is null ? "No orders." : $"No order {E(view.Found)}.")}</p>" : "";
        return Page("Orders", $"""
            <h1>Orders</h1>
            {Message(view.Message, view.Error)}
            <form method="get" action="/admin" role="search" class="find">
            <label for="find">Find an order by id</label>
            <input type="search" id="find" name="order" value="{E(view.Found)}" maxlength="40">
            <button type="submit" id="find-order">Find</button>
            </form>
            <table id="admin-orders">
            <thead><tr><th scope="col">Order</th><th scope="col">Wallet</th><th scope="col" class="num">Amount</th><th scope="col">Status</th><th scope="col" class="num">Refunded</th><th scope="col">Refund, RUB</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            {empty}
            {(pages.Count == 0 ? "" : $"<nav aria-label=\"Order pages\" class=\"pages\">{string.Join(" · ", pages)}</nav>")}
            """, adminToken: token);
    }
}
