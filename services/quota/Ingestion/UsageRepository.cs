using Dapr.AiProvider.Quota.Data;
using Npgsql;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// Writes a batch in one prepared statement, one round trip, one transaction: the rows go into
/// <c>usage_metrics</c> (<c>ON CONFLICT (request_id) DO NOTHING</c>), and only the rows actually inserted
/// (<c>RETURNING</c>) are added to the rollups, so a redelivered event is counted neither twice in the
/// ledger nor in the analytics. A row counts as an error where <c>usage_failed(error_class, status)</c>
/// (migration 0004): the one definition shared with the rollup rebuild and the analytics edges.
/// </summary>
internal sealed class UsageRepository(LedgerDatabase database)
{
    private const string Sums = """
        count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(total_tokens), sum(cost_micros),
        count(*) FILTER (WHERE cache_hit), count(*) FILTER (WHERE usage_failed(error_class, status))
        """;

    private const string AddSums = """
        requests = r.requests + excluded.requests, input_tokens = r.input_tokens + excluded.input_tokens,
        cached_input_tokens = r.cached_input_tokens + excluded.cached_input_tokens,
        output_tokens = r.output_tokens + excluded.output_tokens, total_tokens = r.total_tokens + excluded.total_tokens,
        cost_micros = r.cost_micros + excluded.cost_micros, cache_hits = r.cache_hits + excluded.cache_hits,
        errors = r.errors + excluded.errors
        """;

    // Rows are inserted, and rollup groups updated, in key order: concurrent batches (several writers or
    // replicas) then take their locks in the same order and cannot deadlock on each other.
    private const string InsertSql = $"""
        WITH inserted AS (
            INSERT INTO usage_metrics (request_id, occurred_at, api_key_id, team, task_type, provider, model,
                input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, total_tokens,
                cost_micros, latency_ms, attempts, cache_hit, error_class, status, stream, dead_letter, error_code, trace_id, caller_app_id, decision)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::int[], $9::int[], $10::int[], $11::int[], $12::int[], $13::int[], $14::bigint[], $15::float8[],
                $16::int[], $17::bool[], $18::text[], $19::int[], $20::bool[], $21::bool[], $22::text[], $23::text[], $24::text[], $25::jsonb[])
            ORDER BY 1
            ON CONFLICT (request_id) DO NOTHING
            RETURNING occurred_at, api_key_id, team, task_type, provider, model, input_tokens, cached_input_tokens,
                output_tokens, total_tokens, cost_micros, cache_hit, error_class, status, caller_app_id
        ), hourly AS (
            INSERT INTO usage_hourly AS r
            SELECT date_trunc('hour', occurred_at, 'UTC'), provider, model, task_type, {Sums}
            FROM inserted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT ON CONSTRAINT usage_hourly_group DO UPDATE SET {AddSums}
        ), daily AS (
            INSERT INTO usage_daily_key AS r
            SELECT (occurred_at AT TIME ZONE 'UTC')::date, api_key_id, team, {Sums}
            FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT ON CONSTRAINT usage_daily_key_group DO UPDATE SET {AddSums}
        ), daily_app AS (
            INSERT INTO usage_daily_app AS r
            SELECT (occurred_at AT TIME ZONE 'UTC')::date, caller_app_id, {Sums}
            FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT ON CONSTRAINT usage_daily_app_group DO UPDATE SET {AddSums}
        )
        SELECT count(*)::int FROM inserted
        """;

    /// <summary>Writes the batch; returns how many rows were new (the rest were already in the ledger).</summary>
    public async Task<int> InsertAsync(IReadOnlyList<PendingUsage> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(InsertSql, connection);
        UsageColumns.Bind(command.Parameters, batch);
        // Prepared once per physical connection (Npgsql keeps it across pool rentals): the statement is
        // parsed and planned once, not per batch.
        await command.PrepareAsync(cancellationToken);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
