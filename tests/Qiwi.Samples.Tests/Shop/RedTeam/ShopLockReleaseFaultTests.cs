using System.Data;
using Microsoft.Data.Sqlite;

namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>
/// Releasing the reconciliation lock fails while its connection lives on (a statement cancelled by an administrator's
/// <c>pg_cancel_backend</c>, a statement timeout): over months, each such failure must not keep the connection, which
/// on PostgreSQL is a pool slot taken for good and a session still holding the advisory lock, so that no node could
/// reconcile again. The release's own failure is still reported, and the node's own lock is let go.
/// </summary>
public sealed class ShopLockReleaseFaultTests
{
    [Fact]
    public async Task A_release_whose_unlock_fails_still_closes_its_connection_and_lets_the_node_take_the_lock_again()
    {
        var local = new SemaphoreSlim(1, 1);
        var connections = new List<SqliteConnection>();
        for (var round = 0; round < 50; round++)
        {
            Assert.True(await local.WaitAsync(0), $"round {round}: the node's own lock was not let go");
            var connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            connections.Add(connection);
            var held = new Qiwi.Samples.Shop.Data.ReconciliationLock.Held(connection, local, _ => throw new InvalidOperationException("canceling statement due to user request"));

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => held.DisposeAsync().AsTask());
            Assert.Contains("canceling statement", failure.Message, StringComparison.Ordinal);
        }

        var open = connections.Count(c => c.State != ConnectionState.Closed);
        Assert.True(open == 0, $"{open} of {connections.Count} lock connections left open after their release failed");
    }
}

/// <summary>The same on PostgreSQL: after a failed unlock, the session holding the advisory lock ends, so another node takes it.</summary>
public sealed class ShopLockReleaseFaultPostgresTests
{
    [SkippableFact]
    public async Task A_failed_unlock_on_PostgreSQL_ends_the_session_and_its_advisory_lock()
    {
        await using var database = await TestPostgres.CreateAsync();
        var local = new SemaphoreSlim(1, 1);
        for (var round = 0; round < 40; round++) // more than the pool's 30 connections: a connection kept would exhaust it
        {
            await local.WaitAsync();
            var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_try_advisory_lock(" + Qiwi.Samples.Shop.Data.Schema.ReconciliationLockKey + ")", connection))
            {
                Assert.True((bool)(await take.ExecuteScalarAsync())!, $"round {round}: the lock is still held by an earlier round's session");
            }

            var held = new Qiwi.Samples.Shop.Data.ReconciliationLock.Held(connection, local, _ => throw new InvalidOperationException("canceling statement due to user request"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => held.DisposeAsync().AsTask());

            // Another node's session sees the lock free (the server ends a closed session at once; bounded wait, not a timing).
            var free = false;
            for (var i = 0; i < 300 && !free; i++)
            {
                free = await database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0;
                if (!free)
                {
                    await Task.Delay(10);
                }
            }

            Assert.True(free, $"round {round}: the advisory lock is still held after the failed release");
        }
    }
}
