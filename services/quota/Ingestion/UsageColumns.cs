using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Npgsql;
using NpgsqlTypes;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// A batch as one typed array per <c>usage_metrics</c> column, bound as positional parameters $1…$25 in
/// the column order of <see cref="UsageRepository"/>'s <c>unnest</c> (binary arrays: no text formatting).
/// </summary>
internal static class UsageColumns
{
    public static void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<PendingUsage> batch)
    {
        var n = batch.Count;
        var ids = new string[n]; var occurred = new DateTime[n]; var keys = new string?[n]; var teams = new string?[n];
        var tasks = new string[n]; var providers = new string?[n]; var models = new string?[n];
        var input = new int[n]; var cached = new int[n]; var cacheWrite = new int[n]; var output = new int[n];
        var reasoning = new int[n]; var total = new int[n]; var cost = new long[n]; var latency = new double[n];
        var attempts = new int[n]; var cacheHit = new bool[n]; var errors = new string?[n]; var status = new int[n];
        var stream = new bool[n]; var deadLetter = new bool[n]; var errorCodes = new string?[n]; var traceIds = new string?[n];
        var callerApps = new string?[n]; var decisions = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var u = batch[i].Usage;
            ids[i] = u.RequestId; occurred[i] = u.OccurredAt.UtcDateTime; keys[i] = u.ApiKeyId; teams[i] = u.Team;
            tasks[i] = u.TaskType; providers[i] = u.Provider; models[i] = u.Model;
            input[i] = u.Tokens.InputTokens; cached[i] = u.Tokens.CachedInputTokens; cacheWrite[i] = u.Tokens.CacheWriteTokens;
            output[i] = u.Tokens.OutputTokens; reasoning[i] = u.Tokens.ReasoningTokens; total[i] = u.Tokens.TotalTokens;
            cost[i] = u.CostMicros; latency[i] = u.LatencyMs; attempts[i] = u.Attempts; cacheHit[i] = u.CacheHit;
            errors[i] = ErrorName(u.ErrorClass); status[i] = u.Status; stream[i] = u.Stream; deadLetter[i] = batch[i].DeadLetter;
            errorCodes[i] = u.ErrorCode; traceIds[i] = UsageTrace.TraceId(u); callerApps[i] = u.CallerAppId;
            decisions[i] = Decision(u.Decision);
        }
        Add(parameters, ids); Add(parameters, occurred); Add(parameters, keys); Add(parameters, teams); Add(parameters, tasks);
        Add(parameters, providers); Add(parameters, models); Add(parameters, input); Add(parameters, cached);
        Add(parameters, cacheWrite); Add(parameters, output); Add(parameters, reasoning); Add(parameters, total);
        Add(parameters, cost); Add(parameters, latency); Add(parameters, attempts); Add(parameters, cacheHit);
        Add(parameters, errors); Add(parameters, status); Add(parameters, stream); Add(parameters, deadLetter);
        Add(parameters, errorCodes); Add(parameters, traceIds); Add(parameters, callerApps);
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = decisions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
    }

    /// <summary>The routing explanation as JSON, bounded again here: the event on the topic is not trusted to be small.</summary>
    private static string? Decision(RoutingExplanation? decision) =>
        decision is null ? null : JsonSerializer.Serialize(decision.Bounded(), ContractsJsonContext.Default.RoutingExplanation);

    // DateTime (Kind Utc) maps to timestamptz, string to text, the rest to their obvious types.
    private static void Add<T>(NpgsqlParameterCollection parameters, T[] values) =>
        parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values });

    private static string? ErrorName(ErrorClass? error) =>
        error is { } value ? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) : null;
}
