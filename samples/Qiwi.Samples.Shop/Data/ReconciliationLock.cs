using System.Data.Common;
using Dapper;

namespace Qiwi.Samples.Shop.Data;

/// <summary>
/// Lets one node at a time run reconciliation. On PostgreSQL a session advisory lock
/// (<c>pg_try_advisory_lock</c>), held on a connection of its own while the pass runs: the server releases it
/// if the node dies. On SQLite (one instance per file) a lock within the process.
/// </summary>
public sealed class ReconciliationLock(ShopDatabase database)
{
    private readonly SemaphoreSlim _local = new(1, 1);

    /// <summary>Takes the lock if it is free; null when another node (or pass) holds it. Dispose to release.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        if (!await _local.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        if (!database.IsPostgres)
        {
            return new Held(null, _local);
        }

        DbConnection? connection = null;
        try
        {
            connection = await database.OpenAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@key)", new { key = Schema.ReconciliationLockKey }))
            {
                return new Held(connection, _local);
            }

            await connection.DisposeAsync();
            _local.Release();
            return null;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _local.Release();
            throw;
        }
    }

    /// <summary>The lock held: on PostgreSQL its connection (<paramref name="unlock"/> releases the session lock; tests pass a failing one).</summary>
    internal sealed class Held(DbConnection? connection, SemaphoreSlim local, Func<DbConnection, Task>? unlock = null) : IAsyncDisposable
    {
        /// <summary>
        /// Releases the session lock, closes its connection and lets the node's own lock go, whatever fails. When the unlock
        /// fails on a connection that lives on (a statement cancelled by an administrator, a statement timeout), the
        /// connection is closed all the same: given back to the pool, its session is reset and the advisory lock let go.
        /// Left open by nobody, it held a pool slot and the lock for good, and no node reconciled again.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                {
                    try
                    {
                        await (unlock ?? Unlock)(connection);
                    }
                    finally
                    {
                        await connection.DisposeAsync();
                    }
                }
            }
            finally
            {
                local.Release();
            }
        }

        private static Task Unlock(DbConnection connection) => connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = Schema.ReconciliationLockKey });
    }
}
