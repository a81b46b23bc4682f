using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Quota.Data;
using Npgsql;
using NpgsqlTypes;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>One multi-row, idempotent INSERT per batch (<c>unnest</c> of typed arrays, <c>ON CONFLICT (request_id) DO NOTHING</c>).</summary>
internal sealed class UsageRepository(LedgerDatabase database)
{
    private const string InsertSql = """
        INSERT INTO usage_metrics (request_id, occurred_at, api_key_id, team, task_type, provider, model,
            input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, total_tokens,
            cost_micros, latency_ms, attempts, cache_hit, error_class, status, stream, dead_letter)
        SELECT * FROM unnest(@request_id, @occurred_at, @api_key_id, @team, @task_type, @provider, @model,
            @input_tokens, @cached_input_tokens, @cache_write_tokens, @output_tokens, @reasoning_tokens, @total_tokens,
            @cost_micros, @latency_ms, @attempts, @cache_hit, @error_class, @status, @stream, @dead_letter)
        ON CONFLICT (request_id) DO NOTHING
        """;

    /// <summary>Writes the batch in one statement; returns how many rows were new.</summary>
    public async Task<int> InsertAsync(IReadOnlyList<PendingUsage> batch, CancellationToken cancellationToken)
    {
        var n = batch.Count;
        var ids = new string[n]; var occurred = new DateTime[n]; var keys = new string?[n]; var teams = new string?[n];
        var tasks = new string[n]; var providers = new string?[n]; var models = new string?[n];
        var input = new int[n]; var cached = new int[n]; var cacheWrite = new int[n]; var output = new int[n];
        var reasoning = new int[n]; var total = new int[n]; var cost = new long[n]; var latency = new double[n];
        var attempts = new int[n]; var cacheHit = new bool[n]; var errors = new string?[n]; var status = new int[n];
        var stream = new bool[n]; var deadLetter = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var u = batch[i].Usage;
            ids[i] = u.RequestId; occurred[i] = u.OccurredAt.UtcDateTime; keys[i] = u.ApiKeyId; teams[i] = u.Team;
            tasks[i] = u.TaskType; providers[i] = u.Provider; models[i] = u.Model;
            input[i] = u.Tokens.InputTokens; cached[i] = u.Tokens.CachedInputTokens; cacheWrite[i] = u.Tokens.CacheWriteTokens;
            output[i] = u.Tokens.OutputTokens; reasoning[i] = u.Tokens.ReasoningTokens; total[i] = u.Tokens.TotalTokens;
            cost[i] = u.CostMicros; latency[i] = u.LatencyMs; attempts[i] = u.Attempts; cacheHit[i] = u.CacheHit;
            errors[i] = ErrorName(u.ErrorClass); status[i] = u.Status; stream[i] = u.Stream; deadLetter[i] = batch[i].DeadLetter;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(InsertSql, connection);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("request_id", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
        p.Add(new NpgsqlParameter<DateTime[]>("occurred_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = occurred });
        p.Add(new NpgsqlParameter<string?[]>("api_key_id", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = keys });
        p.Add(new NpgsqlParameter<string?[]>("team", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = teams });
        p.Add(new NpgsqlParameter<string[]>("task_type", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = tasks });
        p.Add(new NpgsqlParameter<string?[]>("provider", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = providers });
        p.Add(new NpgsqlParameter<string?[]>("model", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = models });
        p.Add(new NpgsqlParameter<int[]>("input_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = input });
        p.Add(new NpgsqlParameter<int[]>("cached_input_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = cached });
        p.Add(new NpgsqlParameter<int[]>("cache_write_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = cacheWrite });
        p.Add(new NpgsqlParameter<int[]>("output_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = output });
        p.Add(new NpgsqlParameter<int[]>("reasoning_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = reasoning });
        p.Add(new NpgsqlParameter<int[]>("total_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = total });
        p.Add(new NpgsqlParameter<long[]>("cost_micros", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = cost });
        p.Add(new NpgsqlParameter<double[]>("latency_ms", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = latency });
        p.Add(new NpgsqlParameter<int[]>("attempts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = attempts });
        p.Add(new NpgsqlParameter<bool[]>("cache_hit", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = cacheHit });
        p.Add(new NpgsqlParameter<string?[]>("error_class", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = errors });
        p.Add(new NpgsqlParameter<int[]>("status", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = status });
        p.Add(new NpgsqlParameter<bool[]>("stream", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = stream });
        p.Add(new NpgsqlParameter<bool[]>("dead_letter", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { TypedValue = deadLetter });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? ErrorName(ErrorClass? error) =>
        error is { } value ? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) : null;
}
