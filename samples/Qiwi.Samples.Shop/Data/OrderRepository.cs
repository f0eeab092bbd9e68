using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Qiwi.Runtime;

namespace Qiwi.Samples.Shop.Data;

/// <summary>What applying a status to an order did.</summary>
public enum ApplyOutcome
{
    /// <summary>The status was applied now (and recorded in order_events).</summary>
    Applied,

    /// <summary>The order already had this status: nothing changed (a repeat, or another path won the race).</summary>
    AlreadyApplied,

    /// <summary>The transition is one the docs forbid (a final status replaced, paid back to waiting): refused and logged.</summary>
    Refused,

    /// <summary>No such order.</summary>
    UnknownOrder,

    /// <summary>
    /// The status was reported for another amount or currency than the order's: nothing applied, the order (if open)
    /// notes it for a person to look at, and a notification is not recorded as applied.
    /// </summary>
    Mismatch,
}

/// <summary>
/// Orders in the database. <see cref="ApplyAsync"/> is the one path every status takes (notification, poll,
/// the payer's return, reconciliation), and it applies each status exactly once: a conditional update that only
/// an open order passes, and the event row, in one transaction.
/// </summary>
public sealed partial class OrderRepository(ShopDatabase database, ILogger<OrderRepository> logger)
{
    private const string Columns = "id AS Id, customer AS Customer, product AS Product, phone AS Phone, amount_kopecks AS AmountKopecks, status AS Status, problem AS Problem, created_at AS CreatedAt, expires_at AS ExpiresAt, updated_at AS UpdatedAt";

    /// <summary>Stores a new order (status <c>new</c>); false when the id is taken.</summary>
    public async Task<bool> TryInsertAsync(OrderRecord order, TimeSpan checkAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO orders (id, customer, product, phone, amount_kopecks, status, problem, created_at, expires_at, updated_at, next_check_at, check_attempts)
            VALUES (@Id, @Customer, @Product, @Phone, @AmountKopecks, @Status, NULL, @CreatedAt, @ExpiresAt, @CreatedAt, @next, 0)
            ON CONFLICT (id) DO NOTHING
            """,
            new { order.Id, order.Customer, order.Product, order.Phone, order.AmountKopecks, order.Status, order.CreatedAt, order.ExpiresAt, next = order.CreatedAt + (long)checkAfter.TotalMilliseconds });
        return inserted == 1;
    }

    /// <summary>The order, or null: also for an id no order can have (a search, a page or return link edited by hand).</summary>
    public async Task<OrderRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!CanBeId(id))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OrderRecord>($"SELECT {Columns} FROM orders WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<OrderRecord>> ListAsync(string? customer, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = customer is null ? "" : "WHERE customer = @customer";
        return (await connection.QueryAsync<OrderRecord>($"SELECT {Columns} FROM orders {where} ORDER BY created_at DESC, id LIMIT @limit", new { customer, limit })).AsList();
    }

    /// <summary>
    /// One page of all orders, newest first (<c>created_at</c> descending, then <c>id</c>), strictly after
    /// <paramref name="after"/> in that order (keyset paging: an order placed while someone pages neither shifts nor
    /// repeats the pages behind it). Reads one more than <paramref name="size"/> to tell whether another page follows.
    /// </summary>
    public async Task<(IReadOnlyList<OrderRecord> Orders, bool More)> PageAsync(PageCursor? after, int size, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = after is null ? "" : "WHERE created_at < @createdAt OR (created_at = @createdAt AND id > @id)";
        var rows = (await connection.QueryAsync<OrderRecord>(
            $"SELECT {Columns} FROM orders {where} ORDER BY created_at DESC, id LIMIT @limit",
            new { createdAt = after?.CreatedAt ?? 0, id = after?.Id ?? "", limit = size + 1 })).AsList();
        return rows.Count > size ? (rows.GetRange(0, size), true) : (rows, false);
    }

    /// <summary>The statuses applied to an order, in order, with what applied them.</summary>
    public async Task<IReadOnlyList<(string Status, string Source)>> EventsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string)>("SELECT status, source FROM order_events WHERE order_id = @id ORDER BY applied_at, status", new { id })).AsList();
    }

    /// <summary>
    /// Applies a bill status reported by QIWI (or read from it) to an order, exactly once, when the bill's
    /// <paramref name="amount"/> and <paramref name="currency"/> are the order's (RUB; otherwise
    /// <see cref="ApplyOutcome.Mismatch"/>: nothing applied). Allowed: <c>new</c> to <c>waiting</c> or a final
    /// status, <c>waiting</c> to a final status, and <c>failed</c> to any bill status (a refusal the shop believed,
    /// contradicted by QIWI itself: the invoice exists after all, and may have been paid from the wallet). The same
    /// status again changes nothing; any other transition (paid to waiting, paid to rejected) is refused and logged.
    /// When <paramref name="notificationKey"/> is given it is recorded as applied in the same transaction.
    /// </summary>
    public async Task<ApplyOutcome> ApplyAsync(string id, string status, decimal amount, string currency, string source, string? notificationKey, CancellationToken cancellationToken)
    {
        if (!CanBeId(id))
        {
            LogUnknownOrder(logger, id, status, source);
            return ApplyOutcome.UnknownOrder;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        // In kopecks when it can be an order's amount at all (whole kopecks, not beyond what the column holds).
        var kopecks = amount is >= 0 and <= 1_000_000_000_000m && decimal.Round(amount, 2) == amount ? (long?)(amount * 100) : null;
        var billed = currency == Currency.Rub && kopecks is not null;
        if (OrderStatus.IsBillStatus(status) && billed)
        {
            var from = status == OrderStatus.Waiting ? "('new', 'failed')" : "('new', 'waiting', 'failed')";
            changed = await connection.ExecuteAsync(
                $"UPDATE orders SET status = @status, problem = NULL, updated_at = @now WHERE id = @id AND status IN {from} AND amount_kopecks = @kopecks",
                new { id, status, kopecks, now = Clock.Now() }, transaction);
        }

        if (changed == 1)
        {
            await connection.ExecuteAsync("INSERT INTO order_events (order_id, status, source, applied_at) VALUES (@id, @status, @source, @now)", new { id, status, source, now = Clock.Now() }, transaction);
        }

        var row = changed == 1 ? default : await connection.QuerySingleOrDefaultAsync<(string? Status, long AmountKopecks)>("SELECT status, amount_kopecks FROM orders WHERE id = @id", new { id }, transaction);
        var current = changed == 1 ? status : row.Status;
        if (current is null)
        {
            // Not recorded as applied: the notification is answered with an error, and its repeats reach the handler again.
            await transaction.RollbackAsync(cancellationToken);
            LogUnknownOrder(logger, id, status, source);
            return ApplyOutcome.UnknownOrder;
        }

        if (changed == 0 && OrderStatus.IsBillStatus(status) && (!billed || row.AmountKopecks != kopecks))
        {
            // Someone's invoice, or someone's forgery, under this order's id: the order keeps its status (reconciliation
            // keeps asking QIWI), says why, and a notification is not recorded, so QIWI repeats it while a person looks.
            var problem = $"QIWI reported {status} for {amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {currency}, which does not match the order: check the invoice by hand.";
            await connection.ExecuteAsync("UPDATE orders SET problem = @problem WHERE id = @id AND status IN ('new', 'waiting')", new { id, problem = Clip(problem) }, transaction);
            await transaction.CommitAsync(cancellationToken);
            LogMismatch(logger, id, status, amount, currency, source);
            return ApplyOutcome.Mismatch;
        }

        if (notificationKey is not null)
        {
            await DbNotificationStore.MarkAsync(connection, transaction, notificationKey);
        }

        await transaction.CommitAsync(cancellationToken);
        if (changed == 1)
        {
            LogApplied(logger, id, status, source);
            return ApplyOutcome.Applied;
        }

        if (current == status)
        {
            return ApplyOutcome.AlreadyApplied;
        }

        LogRefused(logger, id, current, status, source);
        return ApplyOutcome.Refused;
    }

    /// <summary>QIWI refused the invoice: the order fails with a readable reason (only while it is <c>new</c>).</summary>
    public async Task<bool> FailAsync(string id, string problem, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("UPDATE orders SET status = 'failed', problem = @problem, updated_at = @now WHERE id = @id AND status = 'new'", new { id, problem = Clip(problem), now = Clock.Now() }) == 1;
    }

    /// <summary>
    /// Orders whose next check is due (for reconciliation): open ones, and <c>failed</c> ones until their invoice's
    /// expiry plus <paramref name="failedGrace"/> (an invoice QIWI made though its answer was a refusal can be paid from
    /// the wallet until it expires, and its notification can be lost).
    /// </summary>
    public async Task<IReadOnlyList<OrderRecord>> DueAsync(int limit, TimeSpan failedGrace, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Clock.Now();
        return (await connection.QueryAsync<OrderRecord>(
            $"SELECT {Columns} FROM orders WHERE (status IN ('new', 'waiting') OR (status = 'failed' AND expires_at >= @expiredSince)) AND next_check_at <= @now ORDER BY next_check_at LIMIT @limit",
            new { now, expiredSince = now - (long)failedGrace.TotalMilliseconds, limit })).AsList();
    }

    /// <summary>Schedules the next check of an open (or failed) order after <paramref name="delay"/>, noting <paramref name="problem"/>.</summary>
    public async Task RescheduleAsync(string id, TimeSpan delay, string? problem, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE orders SET check_attempts = check_attempts + 1, next_check_at = @next, problem = COALESCE(@problem, problem) WHERE id = @id AND status IN ('new', 'waiting', 'failed')",
            new { id, next = Clock.After(delay), problem = problem is null ? null : Clip(problem) });
    }

    /// <summary>
    /// A <c>failed</c> order QIWI says it has no invoice for: its refusal was real, so it is not checked again (a
    /// notification still applies through <see cref="ApplyAsync"/>).
    /// </summary>
    public async Task StopCheckingAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE orders SET check_attempts = check_attempts + 1, next_check_at = @never WHERE id = @id AND status = 'failed'", new { id, never = long.MaxValue });
    }

    /// <summary>How many times the order was checked without reaching a final status (the backoff's exponent).</summary>
    public async Task<int> AttemptsAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>("SELECT check_attempts FROM orders WHERE id = @id", new { id });
    }

    /// <summary>
    /// Whether <paramref name="id"/> can be an order's id at all, before it is looked up: not with a NUL, which
    /// PostgreSQL's <c>text</c> cannot hold (a query naming one fails, 22021, where SQLite's finds nothing).
    /// </summary>
    internal static bool CanBeId(string id) => !id.Contains('\0', StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="max"/> characters (QIWI's words can be any length), never
    /// inside a surrogate pair: half a pair is no text PostgreSQL (or a browser's cookie) takes.
    /// </summary>
    internal static string Clip(string text, int max = 500)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 3;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "...";
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Order {OrderId}: status {Status} applied (from {Source}).")]
    private static partial void LogApplied(ILogger logger, string orderId, string status, string source);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Order {OrderId}: transition {Current} -> {Status} (from {Source}) refused: the docs forbid it.")]
    private static partial void LogRefused(ILogger logger, string orderId, string current, string status, string source);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Order {OrderId}: status {Status} (from {Source}) reported for {Amount} {Currency}, not the order's amount and currency: not applied.")]
    private static partial void LogMismatch(ILogger logger, string orderId, string status, decimal amount, string currency, string source);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Status {Status} (from {Source}) for unknown order {OrderId}.")]
    private static partial void LogUnknownOrder(ILogger logger, string orderId, string status, string source);
}
