using System.Globalization;

namespace Qiwi.Samples.Shop.Data;

/// <summary>Where a page of orders ends: the last order's creation time and id (written <c>{created_at}_{id}</c> in a link).</summary>
public sealed record PageCursor(long CreatedAt, string Id)
{
    public override string ToString() => CreatedAt.ToString(CultureInfo.InvariantCulture) + "_" + Id;

    /// <summary>Reads a cursor from a link; null for anything that is not one (a hand-edited or hostile link shows the newest page).</summary>
    public static PageCursor? TryParse(string? text)
    {
        var cut = text?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (cut <= 0 || text!.Length - cut - 1 is < 1 or > 40
            || !long.TryParse(text.AsSpan(0, cut), NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt))
        {
            return null;
        }

        // Any id an order row can hold (the query is parameterized): one the shop did not generate must not end the walk.
        var id = text[(cut + 1)..];
        return OrderRepository.CanBeId(id) ? new PageCursor(createdAt, id) : null;
    }
}
