using Dapr.AiProvider.Quota.Data;
using Npgsql;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>The analytics queries: rollups for the whole hours/days of a range, the ledger for its edges (<see cref="RollupSource"/>).</summary>
internal sealed class UsageAnalytics(LedgerDatabase database)
{
    /// <summary>groupBy value → where it is read from and its SQL expression (a closed list: nothing from the caller reaches the SQL text).</summary>
    public static readonly IReadOnlyDictionary<string, (RollupSource Source, string Key)> Groupings =
        new Dictionary<string, (RollupSource, string)>(StringComparer.Ordinal)
        {
            ["day"] = (RollupSource.Hourly, "to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
            ["provider"] = (RollupSource.Hourly, "coalesce(provider, '(none)')"),
            ["model"] = (RollupSource.Hourly, "coalesce(provider, '(none)') || '/' || coalesce(model, '(none)')"),
            ["task_type"] = (RollupSource.Hourly, "task_type"),
            ["key"] = (RollupSource.DailyByKey, "coalesce(api_key_id, '(anonymous)')"),
            ["team"] = (RollupSource.DailyByKey, "coalesce(team, '(none)')"),
            ["app"] = (RollupSource.DailyByApp, "coalesce(caller_app_id, '(none)')"),
        };

    private const string Sums = """
        sum(requests)::bigint, sum(input_tokens)::bigint, sum(cached_input_tokens)::bigint, sum(output_tokens)::bigint,
        sum(total_tokens)::bigint, sum(cost_micros)::bigint, sum(cache_hits)::bigint, sum(errors)::bigint
        """;

    public async Task<IReadOnlyList<UsageBucket>> UsageAsync(DateTimeOffset from, DateTimeOffset to, string groupBy,
        CancellationToken cancellationToken)
    {
        var (source, key) = Groupings[groupBy];
        var sql = $"SELECT {key} AS k, {Sums} FROM {source.Rows(source.Dimensions)} GROUP BY k ORDER BY k";
        var buckets = new List<UsageBucket>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        source.Bind(command, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add(new UsageBucket
            {
                Key = reader.GetString(0),
                Requests = reader.GetInt64(1),
                InputTokens = reader.GetInt64(2),
                CachedInputTokens = reader.GetInt64(3),
                OutputTokens = reader.GetInt64(4),
                TotalTokens = reader.GetInt64(5),
                CostMicros = reader.GetInt64(6),
                CacheHits = reader.GetInt64(7),
                Errors = reader.GetInt64(8),
            });
        }
        return buckets;
    }

    public async Task<IReadOnlyList<TopConsumer>> TopConsumersAsync(DateTimeOffset from, DateTimeOffset to, int limit,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT api_key_id, sum(requests)::bigint, sum(total_tokens)::bigint, sum(cost_micros)::bigint AS cost
            FROM {RollupSource.DailyByKey.Rows("api_key_id")} WHERE api_key_id IS NOT NULL
            GROUP BY api_key_id ORDER BY cost DESC, api_key_id LIMIT @limit
            """;
        var consumers = new List<TopConsumer>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        RollupSource.DailyByKey.Bind(command, from, to);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            consumers.Add(new TopConsumer
            {
                ApiKeyId = reader.GetString(0),
                Requests = reader.GetInt64(1),
                TotalTokens = reader.GetInt64(2),
                CostMicros = reader.GetInt64(3),
            });
        }
        return consumers;
    }

    public async Task<(long Requests, long CacheHits)> CacheHitsAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var sql = $"SELECT coalesce(sum(requests), 0)::bigint, coalesce(sum(cache_hits), 0)::bigint FROM {RollupSource.Hourly.Rows("task_type")}";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        RollupSource.Hourly.Bind(command, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
