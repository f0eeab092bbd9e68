using System.Globalization;
using System.Security.Cryptography;

namespace Qiwi.Samples.Shop.Payments;

/// <summary>
/// Ids that no restart and no other instance repeats: random, from the system's cryptographic generator, and
/// inserted under a unique key (a collision, however unlikely, draws again rather than reusing an id).
/// </summary>
public static class Ids
{
    private const string Base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>An order (bill) id: <c>SHOP-yyyyMMdd-</c> and 10 random characters (50 bits), readable on the phone.</summary>
    public static string NewOrderId()
        => "SHOP-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + new string(RandomNumberGenerator.GetItems<char>(Base32, 10));

    /// <summary>A refund id as the spec allows it: 9 of <c>[0-9A-Za-z]</c> (53 bits).</summary>
    public static string NewRefundId() => new(RandomNumberGenerator.GetItems<char>(Base62, 9));

    /// <summary>A customer's browser id (the order-history cookie).</summary>
    public static string NewCustomerId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
