using System.Globalization;
using Microsoft.Extensions.Options;
using Qiwi.Runtime;
using Qiwi.Samples.Shop.Data;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>What placing an order gave: the order, and a readable message when the invoice is not (yet) issued.</summary>
public sealed record PlacedOrder(OrderRecord Order, string? Problem);

/// <summary>
/// Orders and their invoices: the order is stored before the invoice is requested (so a crash in between
/// leaves an order that reconciliation resolves), and every status QIWI reports goes through
/// <see cref="OrderRepository.ApplyAsync"/>.
/// </summary>
public sealed class Checkout(OrderRepository orders, IQiwiPullClient qiwi, IOptions<ShopSettings> settings, IOptions<ShopOptions> options, PublicAddress publicAddress)
{
    /// <summary>Creates an order for <paramref name="customer"/> and issues its invoice to <paramref name="phone"/> (<c>+7...</c>).</summary>
    public async Task<PlacedOrder> PlaceAsync(string customer, string phone, CancellationToken cancellationToken)
    {
        var shop = options.Value;
        var now = Clock.Now();
        OrderRecord order;
        do
        {
            order = new OrderRecord
            {
                Id = Ids.NewOrderId(), Customer = customer, Product = shop.Product, Phone = phone,
                AmountKopecks = (long)(shop.Price * 100), Status = OrderStatus.New, CreatedAt = now, UpdatedAt = now,
                ExpiresAt = now + (long)shop.InvoiceLifetime.TotalMilliseconds,
            };
        }
        while (!await orders.TryInsertAsync(order, shop.Reconciliation.After, cancellationToken));

        var problem = await IssueInvoiceAsync(order, "creation", cancellationToken);
        return new PlacedOrder(await orders.FindAsync(order.Id, cancellationToken) ?? order, problem);
    }

    /// <summary>
    /// Requests the invoice of an order in status <c>new</c> (again: the request is idempotent for the same data).
    /// Null when issued; otherwise the readable reason, and the order is failed (refused) or left for reconciliation.
    /// </summary>
    public async Task<string?> IssueInvoiceAsync(OrderRecord order, string source, CancellationToken cancellationToken)
    {
        try
        {
            var bill = await qiwi.CreateBillAsync(
                order.Id, "tel:" + order.Phone, order.Amount, Currency.Rub, "Order " + order.Id + ": " + order.Product,
                Clock.ToTime(order.ExpiresAt), merchantName: "Book shop", cancellationToken: cancellationToken);
            await orders.ApplyAsync(order.Id, bill.StatusWireValue ?? bill.Status.ToWireValue(), bill.Amount, bill.Currency, source, null, cancellationToken);
            return null;
        }
        catch (QiwiException error)
        {
            var message = ApiErrors.Describe(error);
            if (ApiErrors.Classify(error) == CallFailure.Refused)
            {
                await orders.FailAsync(order.Id, message, cancellationToken);
            }
            else
            {
                await orders.RescheduleAsync(order.Id, TimeSpan.Zero, message, cancellationToken);
            }

            return message;
        }
    }

    /// <summary>Reads the invoice's status from QIWI and applies it (the payer's return, reconciliation). False when QIWI gave no status.</summary>
    public async Task<bool> RefreshAsync(string orderId, string source, CancellationToken cancellationToken)
    {
        try
        {
            var bill = await qiwi.GetBillStatusAsync(orderId, cancellationToken);
            await orders.ApplyAsync(orderId, bill.StatusWireValue ?? bill.Status.ToWireValue(), bill.Amount, bill.Currency, source, null, cancellationToken);
            return true;
        }
        catch (QiwiException)
        {
            return false;
        }
    }

    /// <summary>
    /// The checkout URL the payer is sent to, coming back to this shop's success or failure page at its configured public
    /// address (<see cref="PublicAddress"/>), whatever Host the request that shows the link named.
    /// </summary>
    public Uri CheckoutUrl(string orderId)
    {
        // The client's builders are on its environment: QIWI's checkout, or the sandbox's when SandboxBaseUrl is set.
        return qiwi.Redirects.Checkout(
            settings.Value.ShopId.ToString(CultureInfo.InvariantCulture), orderId,
            successUrl: publicAddress.Page("success").AbsoluteUri, failUrl: publicAddress.Page("fail").AbsoluteUri);
    }
}
