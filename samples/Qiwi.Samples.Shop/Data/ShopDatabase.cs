using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Qiwi.Samples.Shop.Data;

/// <summary>
/// The shop's database: SQLite in a local file (the embedded default) or PostgreSQL (for several instances),
/// chosen by the connection string <c>ConnectionStrings:Shop</c>: one naming a <c>Host</c> (or <c>Server</c>) is
/// PostgreSQL, anything else is SQLite. The schema is migrated at start-up (<see cref="MigrateAsync"/>).
/// </summary>
public sealed class ShopDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    public ShopDatabase(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
        }
        else
        {
            // A writer waits up to 30 s for another one (SQLite's busy timeout); foreign keys are enforced.
            _sqlite = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, ForeignKeys = true, Pooling = true }.ToString();
        }
    }

    /// <summary>True for PostgreSQL, false for SQLite.</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>Opens a connection (the caller disposes it).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Opens a connection synchronously (for ASP.NET Core's synchronous key repository).</summary>
    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_sqlite);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Brings the schema up to date: each migration of <see cref="Schema.Migrations"/> not yet recorded in
    /// <c>schema_migrations</c> runs in one transaction. Instances starting together on PostgreSQL take turns
    /// (a transaction-scoped advisory lock); on SQLite the write transaction serializes them.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (!IsPostgres)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (IsPostgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = Schema.MigrationLockKey }, transaction);
        }

        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", transaction: transaction);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();
        foreach (var (version, sql) in Schema.Migrations)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)", new { version, now = Clock.Now() }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

/// <summary>Times are stored as Unix milliseconds (BIGINT): the same on both databases.</summary>
internal static class Clock
{
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static long After(TimeSpan delay) => Now() + (long)delay.TotalMilliseconds;

    public static DateTimeOffset ToTime(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
