using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Npgsql;

namespace Dapr.AiProvider.Quota.Tests.Analytics;

/// <summary>One quota app with <see cref="UsageMix"/> ingested (with redeliveries), shared by a test class; plus the reference answers computed straight from the ledger rows.</summary>
public sealed class AnalyticsLedgerFixture : IAsyncLifetime
{
    /// <summary>groupBy → the expression over <c>usage_metrics</c> the API's buckets must match.</summary>
    public static readonly IReadOnlyDictionary<string, string> LedgerExpressions = new Dictionary<string, string>
    {
        ["day"] = "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        ["provider"] = "coalesce(provider, '(none)')",
        ["model"] = "coalesce(provider, '(none)') || '/' || coalesce(model, '(none)')",
        ["key"] = "coalesce(api_key_id, '(anonymous)')",
        ["task_type"] = "task_type",
        ["team"] = "coalesce(team, '(none)')",
    };

    public QuotaAppSession App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await QuotaAppSession.StartAsync();
        await UsageMix.PostWithRedeliveriesAsync(App.Client, UsageMix.Create(600));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    internal async Task<List<UsageBucket>> LedgerUsageAsync(string groupBy, DateTimeOffset from, DateTimeOffset to)
    {
        var sql = $"""
            SELECT {LedgerExpressions[groupBy]} AS k, count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens),
                   sum(total_tokens), sum(cost_micros)::bigint, count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE error_class IS NOT NULL OR status NOT BETWEEN 200 AND 299)
            FROM usage_metrics WHERE occurred_at >= @from AND occurred_at < @to GROUP BY k ORDER BY k
            """;
        return await ReadAsync(sql, from, to, r => new UsageBucket
        {
            Key = r.GetString(0), Requests = r.GetInt64(1), InputTokens = r.GetInt64(2), CachedInputTokens = r.GetInt64(3),
            OutputTokens = r.GetInt64(4), TotalTokens = r.GetInt64(5), CostMicros = r.GetInt64(6), CacheHits = r.GetInt64(7),
            Errors = r.GetInt64(8),
        });
    }

    internal async Task<List<TopConsumer>> LedgerTopConsumersAsync(DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var sql = $"""
            SELECT api_key_id, count(*), sum(total_tokens), sum(cost_micros)::bigint AS cost FROM usage_metrics
            WHERE occurred_at >= @from AND occurred_at < @to AND api_key_id IS NOT NULL
            GROUP BY api_key_id ORDER BY cost DESC, api_key_id LIMIT {limit}
            """;
        return await ReadAsync(sql, from, to, r => new TopConsumer
        {
            ApiKeyId = r.GetString(0), Requests = r.GetInt64(1), TotalTokens = r.GetInt64(2), CostMicros = r.GetInt64(3),
        });
    }

    private async Task<List<T>> ReadAsync<T>(string sql, DateTimeOffset from, DateTimeOffset to, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
