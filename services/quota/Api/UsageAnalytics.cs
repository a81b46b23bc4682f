using Dapr.AiProvider.Quota.Data;
using Npgsql;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>The analytics queries over <c>usage_metrics</c> (time-range scans on the occurred_at indexes).</summary>
internal sealed class UsageAnalytics(LedgerDatabase database)
{
    /// <summary>groupBy value → SQL expression (a closed list: nothing from the caller reaches the SQL text).</summary>
    public static readonly IReadOnlyDictionary<string, string> GroupExpressions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["day"] = "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        ["provider"] = "coalesce(provider, '(none)')",
        ["model"] = "coalesce(provider, '(none)') || '/' || coalesce(model, '(none)')",
        ["key"] = "coalesce(api_key_id, '(anonymous)')",
        ["task_type"] = "task_type",
    };

    public async Task<IReadOnlyList<UsageBucket>> UsageAsync(DateTimeOffset from, DateTimeOffset to, string groupBy,
        CancellationToken cancellationToken)
    {
        var key = GroupExpressions[groupBy];
        var sql = $"""
            SELECT {key} AS k, count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(total_tokens),
                   sum(cost_micros), count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE error_class IS NOT NULL)
            FROM usage_metrics WHERE occurred_at >= @from AND occurred_at < @to
            GROUP BY k ORDER BY k
            """;
        var buckets = new List<UsageBucket>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(sql, connection, from, to);
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
                CostMicros = (long)reader.GetDecimal(6),
                CacheHits = reader.GetInt64(7),
                Errors = reader.GetInt64(8),
            });
        }
        return buckets;
    }

    public async Task<IReadOnlyList<TopConsumer>> TopConsumersAsync(DateTimeOffset from, DateTimeOffset to, int limit,
        CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT api_key_id, count(*), sum(total_tokens), sum(cost_micros) AS cost
            FROM usage_metrics WHERE occurred_at >= @from AND occurred_at < @to AND api_key_id IS NOT NULL
            GROUP BY api_key_id ORDER BY cost DESC, api_key_id LIMIT @limit
            """;
        var consumers = new List<TopConsumer>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(sql, connection, from, to);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            consumers.Add(new TopConsumer
            {
                ApiKeyId = reader.GetString(0),
                Requests = reader.GetInt64(1),
                TotalTokens = reader.GetInt64(2),
                CostMicros = (long)reader.GetDecimal(3),
            });
        }
        return consumers;
    }

    public async Task<(long Requests, long CacheHits)> CacheHitsAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT count(*), count(*) FILTER (WHERE cache_hit)
            FROM usage_metrics WHERE occurred_at >= @from AND occurred_at < @to
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(sql, connection, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", from.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", to.UtcDateTime));
        return command;
    }
}
