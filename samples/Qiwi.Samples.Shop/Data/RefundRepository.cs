using Dapper;

namespace Qiwi.Samples.Shop.Data;

/// <summary>
/// Refunds in the database. A refund row is written (status <c>pending</c>, with its generated id) before QIWI
/// is called, so a retry after a crash or an unclear answer repeats the same id, which QIWI does not refund
/// twice. A refund reaches a final status once: the update only passes while it is not final.
/// </summary>
public sealed class RefundRepository(ShopDatabase database)
{
    private const string Columns = "order_id AS OrderId, refund_id AS RefundId, amount_kopecks AS AmountKopecks, status AS Status, problem AS Problem, created_at AS CreatedAt";

    /// <summary>Stores a new pending refund; false when the id is taken for this order.</summary>
    public async Task<bool> TryInsertAsync(string orderId, string refundId, long amountKopecks, TimeSpan checkAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Clock.Now();
        return await connection.ExecuteAsync(
            """
            INSERT INTO refunds (order_id, refund_id, amount_kopecks, status, problem, created_at, updated_at, next_check_at, check_attempts)
            VALUES (@orderId, @refundId, @amountKopecks, 'pending', NULL, @now, @now, @next, 0)
            ON CONFLICT (order_id, refund_id) DO NOTHING
            """,
            new { orderId, refundId, amountKopecks, now, next = now + (long)checkAfter.TotalMilliseconds }) == 1;
    }

    public async Task<IReadOnlyList<RefundRecord>> ListAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RefundRecord>($"SELECT {Columns} FROM refunds WHERE order_id = @orderId ORDER BY created_at, refund_id", new { orderId })).AsList();
    }

    /// <summary>All refunds of the given orders, by order.</summary>
    public async Task<ILookup<string, RefundRecord>> ListAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var ids = orderIds.ToArray();
        if (ids.Length == 0)
        {
            return Array.Empty<RefundRecord>().ToLookup(r => r.OrderId);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters();
        var names = new List<string>();
        for (var i = 0; i < ids.Length; i++)
        {
            names.Add("@o" + i);
            parameters.Add("o" + i, ids[i]);
        }

        var rows = await connection.QueryAsync<RefundRecord>($"SELECT {Columns} FROM refunds WHERE order_id IN ({string.Join(", ", names)}) ORDER BY created_at, refund_id", parameters);
        return rows.ToLookup(r => r.OrderId);
    }

    /// <summary>
    /// Records QIWI's answer: <paramref name="status"/> (and a readable <paramref name="problem"/>), only while the
    /// refund is not final. Returns false when it already was (another path recorded the answer first).
    /// </summary>
    public async Task<bool> SettleAsync(string orderId, string refundId, string status, string? problem, TimeSpan? checkAgainAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE refunds SET status = @status, problem = @problem, updated_at = @now,
                next_check_at = @next, check_attempts = check_attempts + @attempt
            WHERE order_id = @orderId AND refund_id = @refundId AND status IN ('pending', 'unknown', 'processing')
            """,
            new
            {
                orderId, refundId, status, problem = problem is null ? null : OrderRepository.Clip(problem), now = Clock.Now(),
                next = checkAgainAfter is { } delay ? Clock.After(delay) : long.MaxValue, attempt = checkAgainAfter is null ? 0 : 1,
            }) == 1;
    }

    /// <summary>Refunds without a final answer whose next check is due (for reconciliation), with their attempt counts.</summary>
    public async Task<IReadOnlyList<(RefundRecord Refund, int Attempts)>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RefundRecord, long, (RefundRecord, int)>(
            $"SELECT {Columns}, CAST(check_attempts AS BIGINT) AS Attempts FROM refunds WHERE status IN ('pending', 'unknown', 'processing') AND next_check_at <= @now ORDER BY next_check_at LIMIT @limit",
            (refund, attempts) => (refund, (int)attempts), new { now = Clock.Now(), limit }, splitOn: "Attempts");
        return rows.AsList();
    }
}
