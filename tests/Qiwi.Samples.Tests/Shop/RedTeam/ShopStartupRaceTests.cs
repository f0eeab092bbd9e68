namespace Qiwi.Samples.Tests.Shop.RedTeam;

/// <summary>Instances starting together on one fresh database: the schema is migrated once and every instance starts.</summary>
public sealed class ShopStartupRaceTests
{
    [Fact]
    public async Task Instances_starting_together_on_one_fresh_sqlite_file_all_start_and_migrate_once()
    {
        for (var round = 0; round < 4; round++)
        {
            var connectionString = ShopHost.TemporarySqlite(out var directory);
            try
            {
                var databases = Enumerable.Range(0, 3).Select(_ => new ShopDatabase(connectionString)).ToList();
                await Task.WhenAll(databases.Select(database => Task.Run(() => database.MigrateAsync(CancellationToken.None))));

                await using var connection = await databases[0].OpenAsync(CancellationToken.None);
                var versions = await Dapper.SqlMapper.QueryAsync<long>(connection, "SELECT version FROM schema_migrations ORDER BY version");
                Assert.Equal([1L, 2L, 3L], versions);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [SkippableFact]
    public async Task Instances_starting_together_on_one_fresh_postgresql_database_all_start_and_migrate_once()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new ShopDatabase(postgres.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(databases.Select(database => Task.Run(() => database.MigrateAsync(CancellationToken.None))));
            Assert.Equal(3L, await postgres.ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }
}
