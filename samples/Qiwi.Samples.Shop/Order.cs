namespace Qiwi.Samples.Shop;

/// <summary>An order of the shop, paid by one QIWI invoice (its id is the bill id).</summary>
public sealed class Order
{
    public required string Id { get; init; }

    public required string Product { get; init; }

    public required decimal Amount { get; init; }

    /// <summary>The invoice's status as the shop knows it: from the notification, or "waiting".</summary>
    public string Status { get; set; } = "waiting";

    public decimal Refunded { get; set; }
}

/// <summary>The shop's orders, in memory.</summary>
public sealed class OrderBook
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Order> _orders = new();
    private int _next;

    public Order Create(string product, decimal amount)
    {
        var order = new Order { Id = "SHOP-" + Interlocked.Increment(ref _next), Product = product, Amount = amount };
        _orders[order.Id] = order;
        return order;
    }

    public Order? Find(string? id) => id is not null && _orders.TryGetValue(id, out var order) ? order : null;

    public IEnumerable<Order> All => _orders.Values.OrderBy(o => o.Id, StringComparer.Ordinal);
}
