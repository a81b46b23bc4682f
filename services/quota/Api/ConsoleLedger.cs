using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Data;
using Npgsql;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>What a decisions search asks for; null members do not filter.</summary>
internal sealed record DecisionQuery(DateTimeOffset From, DateTimeOffset To, int Limit, string? RequestId = null, string? Provider = null,
    string? KeyId = null, bool? Failed = null);

/// <summary>
/// The console's cluster-wide reads of the ledger: recent decisions (each row with its routing explanation) and the
/// Overview of the last minutes. One query each, whichever router replica asks.
/// </summary>
internal sealed class ConsoleLedger(LedgerDatabase database)
{
    public const int OverviewMinutes = 30;

    private const string Columns = """
        request_id, occurred_at, api_key_id, team, task_type, stream, provider, model, attempts, cost_micros,
        input_tokens, output_tokens, latency_ms, status, error_class, cache_hit, decision::text
        """;

    /// <summary>
    /// Newest first. A request id is looked up exactly first (the primary key: found whatever its age), else as a
    /// prefix within the range; provider, key and outcome narrow the range's rows.
    /// </summary>
    public async Task<IReadOnlyList<DecisionRecord>> DecisionsAsync(DecisionQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (query.RequestId is { } id)
        {
            await using var exact = new NpgsqlCommand($"SELECT {Columns} FROM usage_metrics WHERE request_id = @id", connection);
            exact.Parameters.Add(new NpgsqlParameter<string>("id", id));
            var found = await ReadAsync(exact, cancellationToken);
            if (found.Count > 0)
            {
                return found;
            }
        }
        // Every filter is a bound parameter; a null one is "any" (the planner keeps the occurred_at index scan).
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM usage_metrics
            WHERE occurred_at >= @from AND occurred_at < @to
              AND (@prefix::text IS NULL OR starts_with(request_id, @prefix))
              AND (@provider::text IS NULL OR provider = @provider)
              AND (@key::text IS NULL OR api_key_id = @key)
              AND (@failed::boolean IS NULL OR usage_failed(error_class, status) = @failed)
            ORDER BY occurred_at DESC, request_id DESC LIMIT @limit
            """, connection);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<DateTime>("from", query.From.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("to", query.To.UtcDateTime));
        p.Add(new NpgsqlParameter("prefix", (object?)query.RequestId ?? DBNull.Value));
        p.Add(new NpgsqlParameter("provider", (object?)query.Provider ?? DBNull.Value));
        p.Add(new NpgsqlParameter("key", (object?)query.KeyId ?? DBNull.Value));
        p.Add(new NpgsqlParameter("failed", (object?)query.Failed ?? DBNull.Value));
        p.Add(new NpgsqlParameter<int>("limit", query.Limit));
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<DecisionRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var cacheHit = reader.GetBoolean(15);
            // A row from before migration 0008 (or an older router) has no explanation: the ledger's own columns only.
            var decision = reader.IsDBNull(16) ? null
                : JsonSerializer.Deserialize(reader.GetString(16), ContractsJsonContext.Default.RoutingExplanation);
            records.Add(new DecisionRecord
            {
                RequestId = reader.GetString(0),
                At = reader.GetFieldValue<DateTimeOffset>(1),
                KeyId = reader.IsDBNull(2) ? null : reader.GetString(2),
                Team = reader.IsDBNull(3) ? null : reader.GetString(3),
                TaskType = reader.GetString(4),
                Stream = reader.GetBoolean(5),
                Provider = reader.IsDBNull(6) ? null : reader.GetString(6),
                Model = reader.IsDBNull(7) ? null : reader.GetString(7),
                Attempts = reader.GetInt32(8),
                CostMicros = reader.GetInt64(9),
                InputTokens = reader.GetInt32(10),
                OutputTokens = reader.GetInt32(11),
                LatencyMs = reader.GetDouble(12),
                Status = reader.GetInt32(13),
                ErrorClass = reader.IsDBNull(14) ? null : reader.GetString(14),
                RequestedModel = decision?.RequestedModel,
                RouteReason = decision?.RouteReason ?? "",
                FailedCandidates = decision?.FailedCandidates ?? [],
                Cache = decision?.Cache ?? (cacheHit ? "hit" : "miss"),
                UpstreamMs = decision?.UpstreamMs ?? 0,
            });
        }
        return records;
    }

    /// <summary>
    /// The <see cref="OverviewMinutes"/> whole minutes up to <paramref name="now"/>, in one query: GROUPING SETS give
    /// the per-minute points, the window's totals (p95 over the whole window, not an average of minutes) and the
    /// failures by class in one pass over the window's ledger rows (the <c>occurred_at</c> index).
    /// </summary>
    public async Task<ConsoleOverview> OverviewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        var start = end.AddMinutes(-OverviewMinutes);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT GROUPING(minute, failure) AS level, minute, failure, count(*)::bigint, count(*) FILTER (WHERE failed)::bigint,
                   coalesce(percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms), 0)::float8,
                   count(*) FILTER (WHERE cache_hit)::bigint, coalesce(sum(cost_micros), 0)::bigint
            FROM (SELECT date_trunc('minute', occurred_at, 'UTC') AS minute, latency_ms, cache_hit, cost_micros,
                         usage_failed(error_class, status) AS failed,
                         CASE WHEN usage_failed(error_class, status) THEN coalesce(error_class, 'status_' || status) END AS failure
                  FROM usage_metrics WHERE occurred_at >= @from AND occurred_at < @to) AS rows
            GROUP BY GROUPING SETS ((minute), (failure), ())
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", start.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", end.UtcDateTime));
        var minutes = new Dictionary<DateTimeOffset, OverviewPoint>();
        var byClass = new SortedDictionary<string, long>(StringComparer.Ordinal);
        (long Requests, long Errors, double P95, long Hits, long Cost) total = default;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var level = reader.GetInt32(0);
                var (requests, errors, p95, hits, cost) = (reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5), reader.GetInt64(6), reader.GetInt64(7));
                switch (level)
                {
                    case 1: // grouped by minute (failure rolled up)
                        var minute = reader.GetFieldValue<DateTimeOffset>(1);
                        minutes[minute] = new OverviewPoint
                        {
                            Minute = minute, Requests = requests, Errors = errors, P95LatencyMs = Math.Round(p95, 1), CacheHits = hits, CostMicros = cost,
                        };
                        break;
                    case 2 when !reader.IsDBNull(2): // grouped by failure class; the null group is the successes
                        byClass[reader.GetString(2)] = requests;
                        break;
                    case 3:
                        total = (requests, errors, p95, hits, cost);
                        break;
                }
            }
        }
        var series = Enumerable.Range(0, OverviewMinutes).Select(i => start.AddMinutes(i))
            .Select(m => minutes.GetValueOrDefault(m) ?? new OverviewPoint { Minute = m }).ToArray();
        return new ConsoleOverview
        {
            From = start, To = end, Requests = total.Requests, Errors = total.Errors, ErrorRatio = Ratio(total.Errors, total.Requests),
            ErrorsByClass = byClass, P95LatencyMs = Math.Round(total.P95, 1), CacheHits = total.Hits, CacheHitRatio = Ratio(total.Hits, total.Requests),
            CostMicros = total.Cost, Series = series,
        };
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
