using Dapr.AiProvider.Quota.Data;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dapr.AiProvider.Quota.Tests.Data;

[Trait("Category", "Process")]
public sealed class LedgerMigratorTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_Twice_SecondRunAppliesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(_db.ConnectionString);
        var migrator = new LedgerMigrator(NullLogger<LedgerMigrator>.Instance);

        var first = await migrator.ApplyAsync(dataSource, CancellationToken.None);
        var second = await migrator.ApplyAsync(dataSource, CancellationToken.None);

        Assert.Equal(LedgerMigrator.LoadMigrations().Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentReplicas_EachMigrationAppliedOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(_db.ConnectionString);
        var migrators = Enumerable.Range(0, 4).Select(_ => new LedgerMigrator(NullLogger<LedgerMigrator>.Instance));

        var results = await Task.WhenAll(migrators.Select(m => m.ApplyAsync(dataSource, CancellationToken.None)));

        Assert.Equal(LedgerMigrator.LoadMigrations().Count, results.Sum(r => r.Count));
    }

    [Theory]
    [InlineData("providers")]
    [InlineData("usage_metrics")]
    [InlineData("quotas")]
    [InlineData("budgets")]
    [InlineData("quota_scopes")]
    [InlineData("alerts")]
    [InlineData("audit_log")]
    [InlineData("api_keys")]
    public async Task ApplyAsync_FreshDatabase_CreatesTable(string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(_db.ConnectionString);
        await new LedgerMigrator(NullLogger<LedgerMigrator>.Instance).ApplyAsync(dataSource, CancellationToken.None);

        var exists = await Sql.ScalarAsync<bool>(_db.ConnectionString,
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = @t)", ("t", table));

        Assert.True(exists);
    }

    [Fact]
    public async Task ApplyAsync_UsageMetrics_RequestIdIsUnique()
    {
        await using var dataSource = NpgsqlDataSource.Create(_db.ConnectionString);
        await new LedgerMigrator(NullLogger<LedgerMigrator>.Instance).ApplyAsync(dataSource, CancellationToken.None);
        const string insert = "INSERT INTO usage_metrics (request_id, occurred_at, task_type) VALUES ('r1', now(), 'chat')";
        await Sql.ScalarAsync<int>(_db.ConnectionString, insert + " RETURNING 1");

        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(_db.ConnectionString, insert + " RETURNING 1"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
