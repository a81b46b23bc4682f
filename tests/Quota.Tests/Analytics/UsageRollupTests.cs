using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Analytics;

/// <summary>The rollups written with each batch equal the same sums computed from the ledger rows.</summary>
[Trait("Category", "Process")]
public sealed class UsageRollupTests : IAsyncLifetime
{
    private const string Sums = """
        count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
        count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE error_class IS NOT NULL OR status NOT BETWEEN 200 AND 299)
        """;

    private const string RollupColumns =
        "requests, input_tokens, cached_input_tokens, output_tokens, total_tokens, cost_micros, cache_hits, errors";

    private const string HourlyFromLedger = $"""
        SELECT date_trunc('hour', occurred_at, 'UTC'), provider, model, task_type, {Sums}
        FROM usage_metrics GROUP BY 1, 2, 3, 4
        """;

    private const string DailyFromLedger = $"""
        SELECT (occurred_at AT TIME ZONE 'UTC')::date, api_key_id, team, {Sums}
        FROM usage_metrics GROUP BY 1, 2, 3
        """;

    private QuotaAppSession _app = null!;

    public async Task InitializeAsync() => _app = await QuotaAppSession.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PostUsage_MixWithRedeliveries_HourlyRollupEqualsLedger()
    {
        await UsageMix.PostWithRedeliveriesAsync(_app.Client, UsageMix.Create(400));

        Assert.Equal(400, await CountAsync("SELECT * FROM usage_metrics"));
        Assert.Equal(0, await DifferencesAsync($"SELECT hour, provider, model, task_type, {RollupColumns} FROM usage_hourly", HourlyFromLedger));
    }

    [Fact]
    public async Task PostUsage_MixWithRedeliveries_DailyKeyRollupEqualsLedger()
    {
        await UsageMix.PostWithRedeliveriesAsync(_app.Client, UsageMix.Create(400));

        Assert.Equal(0, await DifferencesAsync($"SELECT day, api_key_id, team, {RollupColumns} FROM usage_daily_key", DailyFromLedger));
    }

    [Fact]
    public async Task PostUsage_SameEventsDeliveredTwiceInSequence_RollupsCountThemOnce()
    {
        var events = UsageMix.Create(50, "twice");
        await UsageMix.PostWithRedeliveriesAsync(_app.Client, events);
        var requests = await Sql.ScalarAsync<long>(_app.ConnectionString, "SELECT sum(requests) FROM usage_hourly");

        await UsageMix.PostWithRedeliveriesAsync(_app.Client, events);

        Assert.Equal(50, requests);
        Assert.Equal(50, await Sql.ScalarAsync<long>(_app.ConnectionString, "SELECT sum(requests) FROM usage_hourly"));
        Assert.Equal(50, await Sql.ScalarAsync<long>(_app.ConnectionString, "SELECT sum(requests) FROM usage_daily_key"));
    }

    [Fact]
    public async Task RebuildUsageRollups_AfterIngestion_ChangesNothing()
    {
        await UsageMix.PostWithRedeliveriesAsync(_app.Client, UsageMix.Create(200));
        await Sql.ScalarAsync<int>(_app.ConnectionString, """
            CREATE TABLE hourly_before AS SELECT * FROM usage_hourly;
            CREATE TABLE daily_before AS SELECT * FROM usage_daily_key;
            SELECT 1
            """);

        await Sql.ScalarAsync<int>(_app.ConnectionString, "SELECT 1 FROM rebuild_usage_rollups()");

        Assert.Equal(0, await DifferencesAsync("SELECT * FROM usage_hourly", "SELECT * FROM hourly_before"));
        Assert.Equal(0, await DifferencesAsync("SELECT * FROM usage_daily_key", "SELECT * FROM daily_before"));
    }

    /// <summary>Rows in one result and not the other, both ways (0 = the same multiset of rows).</summary>
    private async Task<long> DifferencesAsync(string left, string right) =>
        await CountAsync($"(({left}) EXCEPT ALL ({right})) UNION ALL (({right}) EXCEPT ALL ({left}))");

    private Task<long> CountAsync(string query) => Sql.ScalarAsync<long>(_app.ConnectionString, $"SELECT count(*) FROM ({query}) AS q");
}
