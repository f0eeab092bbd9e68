using Npgsql;
using Qiwi.Testing;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>A PostgreSQL database of the test's own (random name), created on the server <see cref="Requires.PostgreSql"/> names and dropped after.</summary>
internal sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private TestPostgres(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = Requires.PostgreSql();
        var name = "qiwi_shop_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 }.ConnectionString;
        return new TestPostgres(server, name, connectionString);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
