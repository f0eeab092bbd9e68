using System.Text;
using Qiwi.Samples.Shop.Data;
using static Qiwi.Samples.Shop.Web.Html;

namespace Qiwi.Samples.Shop.Web;

/// <summary>The customer's pages: product, order summary, return from checkout, order history.</summary>
internal static class CustomerPages
{
    public static string Product(ShopOptions shop, string token, string? error) => Page(shop.Product, $"""
        <h1>{E(shop.Product)}</h1>
        {Message(error, error: true)}
        <section class="card" aria-labelledby="buy-title">
        <h2 id="buy-title" class="price">{Money(shop.Price)}</h2>
        <p>A practical guide to contract-first HTTP APIs. Paid with QIWI Wallet: you confirm the payment on QIWI's page.</p>
        <form method="post" action="/orders">
        {Antiforgery(token)}
        <label for="phone">Your QIWI Wallet phone number</label>
        <input type="tel" id="phone" name="phone" required autocomplete="tel" inputmode="tel" pattern="\+[0-9]{"{"}10,15{"}"}" placeholder="+79031234567" aria-describedby="phone-help">
        <p id="phone-help" class="muted">International format, e.g. +79031234567. The invoice is issued to this wallet.</p>
        <button type="submit" id="buy">Buy with QIWI</button>
        </form>
        </section>
        """);

    public static string Summary(OrderRecord order, Uri? checkout, string? problem) => Page("Order " + order.Id, $"""
        <h1>Order <span id="order">{E(order.Id)}</span></h1>
        {Message(problem ?? order.Problem, error: order.Status == OrderStatus.Failed)}
        <section class="card" aria-label="Order summary">
        <table>
        <tr><th scope="row">Product</th><td>{E(order.Product)}</td></tr>
        <tr><th scope="row">Amount</th><td id="amount">{Money(order.Amount)}</td></tr>
        <tr><th scope="row">QIWI Wallet</th><td>{E(order.Phone)}</td></tr>
        <tr><th scope="row">Status</th><td>{Status(order.Status, "status")}</td></tr>
        <tr><th scope="row">Pay before</th><td>{Time(order.ExpiresAt)}</td></tr>
        </table>
        {(checkout is not null && order.Status == OrderStatus.Waiting ? $"<a class=\"button\" id=\"checkout\" href=\"{E(checkout.AbsoluteUri)}\">Pay {Money(order.Amount)} with QIWI</a>" : "")}
        </section>
        <p><a href="/orders">All my orders</a> · <a href="/">Back to the shop</a></p>
        """);

    public static string Returned(bool success, OrderRecord? order)
    {
        if (order is null)
        {
            var unknown = success ? "Thank you" : "The payment did not go through";
            return Page(unknown, $"<h1>{E(unknown)}</h1><p>We could not find this order in your browser's history.</p><p><a href=\"/\">Back to the shop</a></p>");
        }

        // The title says what the shop knows, not which page QIWI sent the payer to: a paid order back on /fail (a
        // notification first) is paid, and an order not confirmed yet is neither paid nor refused.
        var title = order.Status switch
        {
            OrderStatus.Paid => "Thank you",
            OrderStatus.Waiting or OrderStatus.New => "Payment not confirmed yet",
            _ => "The payment did not go through",
        };

        var explanation = order.Status switch
        {
            OrderStatus.Paid => "Your payment is confirmed. We are preparing your order.",
            OrderStatus.Waiting or OrderStatus.New => "QIWI has not confirmed the payment yet. This page shows what we know now; reload it in a moment.",
            _ => "The invoice was not paid. You can place a new order at any time.",
        };
        return Page(title, $"""
            <h1>{E(title)}</h1>
            <section class="card" aria-label="Order status">
            <p>Order <span id="order">{E(order.Id)}</span> ({Money(order.Amount)}): {Status(order.Status, "status")}</p>
            <p class="muted">{E(explanation)}</p>
            </section>
            <p><a href="/orders/{E(order.Id)}">Order details</a> · <a href="/orders">All my orders</a> · <a href="/" id="back">Back to the shop</a></p>
            """);
    }

    public static string History(IReadOnlyList<OrderRecord> orders)
    {
        var rows = new StringBuilder();
        foreach (var order in orders)
        {
            rows.Append($"<tr><td><a href=\"/orders/{E(order.Id)}\">{E(order.Id)}</a></td><td>{Time(order.CreatedAt)}</td><td>{E(order.Product)}</td><td class=\"num\">{Money(order.Amount)}</td><td>{Status(order.Status)}</td></tr>");
        }

        return Page("My orders", orders.Count == 0
            ? "<h1>My orders</h1><p>You have no orders yet. <a href=\"/\">Visit the shop</a>.</p>"
            : $"<h1>My orders</h1><table id=\"orders\"><caption class=\"muted\">Orders placed from this browser</caption><thead><tr><th scope=\"col\">Order</th><th scope=\"col\">Placed</th><th scope=\"col\">Product</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Status</th></tr></thead><tbody>{rows}</tbody></table>");
    }
}
