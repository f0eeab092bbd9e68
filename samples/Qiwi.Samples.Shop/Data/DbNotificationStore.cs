using System.Data.Common;
using Dapper;
using Qiwi.AspNetCore;

namespace Qiwi.Samples.Shop.Data;

/// <summary>
/// The applied-notifications store of <c>Qiwi.AspNetCore</c>, in the shop's database, so that every instance
/// and every restart recognizes a repeated notification. The shop records the key in the same transaction as
/// the status (<see cref="OrderRepository.ApplyAsync"/>); <see cref="MarkAppliedAsync"/> is then a no-op.
/// </summary>
public sealed class DbNotificationStore(ShopDatabase database) : IQiwiNotificationStore
{
    public async ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM applied_notifications WHERE notification_key = @key", new { key }) > 0;
    }

    public async ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await MarkAsync(connection, null, key);
    }

    /// <summary>Deletes the keys applied before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM applied_notifications WHERE applied_at < @before", new { before = before.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    internal static Task<int> MarkAsync(DbConnection connection, DbTransaction? transaction, string key)
        => connection.ExecuteAsync("INSERT INTO applied_notifications (notification_key, applied_at) VALUES (@key, @now) ON CONFLICT (notification_key) DO NOTHING", new { key, now = Clock.Now() }, transaction);
}
