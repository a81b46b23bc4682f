using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>One caller's own usage by day, provider and model (<c>GET /quota/keys/{id}/usage</c>, the router's <c>/usage</c>).</summary>
internal static class KeyUsage
{
    private const string Query = """
        SELECT date_trunc('day', occurred_at) AS day, COALESCE(provider, ''), COALESCE(model, ''), count(*),
               sum(input_tokens), sum(output_tokens), sum(cost_micros)::bigint, count(*) FILTER (WHERE cache_hit)
        FROM usage_metrics
        WHERE api_key_id = @id AND occurred_at >= @from AND occurred_at < @to AND NOT dead_letter
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        """;

    internal static async Task<Results<Ok<KeyUsageReport>, ProblemHttpResult>> GetAsync(string id, string? from, string? to,
        LedgerDatabase database, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!TimeRange.TryParse(from, to, time.GetUtcNow(), out var start, out var end, out var errors))
        {
            return QuotaApi.Invalid(errors);
        }
        return await LedgerCall.RunAsync(loggers, async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Query, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("id", id));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", start));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", end));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<KeyUsageRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new KeyUsageRow(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
            }
            return new KeyUsageReport(id, start, end, rows);
        });
    }
}

/// <summary>A caller's usage in a time range.</summary>
internal sealed record KeyUsageReport(string KeyId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KeyUsageRow> Rows);

/// <summary>Usage of one day × provider × model.</summary>
internal sealed record KeyUsageRow(DateTimeOffset Day, string Provider, string Model, long Requests, long InputTokens, long OutputTokens,
    long CostMicros, long CacheHits);
