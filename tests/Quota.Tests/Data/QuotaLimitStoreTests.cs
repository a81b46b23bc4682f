using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Data;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Dapr.AiProvider.Quota.Tests.Data;

[Trait("Category", "Process")]
public sealed class QuotaLimitStoreTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;
    private LedgerDataSource _source = null!;
    private QuotaLimitStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Ledger"] = _db.ConnectionString })
            .Build();
        _source = new LedgerDataSource(configuration, Mock.Of<DaprClient>(), NullLogger<LedgerDataSource>.Instance);
        _store = new QuotaLimitStore(new LedgerDatabase(_source, new LedgerMigrator(NullLogger<LedgerMigrator>.Instance)));
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task LoadAsync_NeverSet_ReturnsNull()
    {
        Assert.Null(await _store.LoadAsync("key:none", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_ThenLoad_RoundTripsRulesBudgetsAndThresholds()
    {
        var limits = new QuotaLimits
        {
            Rules =
            [
                new QuotaRule { Metric = QuotaMetric.Requests, Period = QuotaPeriod.Day, Limit = 1_500, TimeZone = "America/Los_Angeles" },
                new QuotaRule { Metric = QuotaMetric.CostMicros, Period = QuotaPeriod.Month, Limit = 20_000_000, Hard = false },
            ],
            AlertThresholds = [0.9],
        };

        await _store.SaveAsync("provider:gemini", limits, CancellationToken.None);
        var loaded = await _store.LoadAsync("provider:gemini", CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(limits.Rules.OrderBy(r => r.Metric), loaded!.Rules.OrderBy(r => r.Metric));
        Assert.Equal([0.9], loaded.AlertThresholds);
        Assert.Equal(1, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM budgets WHERE scope = 'provider:gemini'"));
        Assert.Equal(1, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM audit_log WHERE target = 'provider:gemini'"));
    }

    [Fact]
    public async Task SaveAsync_Twice_ReplacesPreviousRules()
    {
        var daily = new QuotaRule { Metric = QuotaMetric.Tokens, Period = QuotaPeriod.Day, Limit = 10 };
        var hourly = new QuotaRule { Metric = QuotaMetric.Tokens, Period = QuotaPeriod.Hour, Limit = 5 };
        await _store.SaveAsync("key:k1", new QuotaLimits { Rules = [daily] }, CancellationToken.None);

        await _store.SaveAsync("key:k1", new QuotaLimits { Rules = [hourly] }, CancellationToken.None);

        var loaded = await _store.LoadAsync("key:k1", CancellationToken.None);
        Assert.Equal(hourly, Assert.Single(loaded!.Rules));
    }
}
