using Npgsql;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>
/// Where an analytics query reads a time range from: the whole hours (or UTC days) inside it from a
/// rollup table, the partial ones at its two edges from <c>usage_metrics</c> itself. The rollups are
/// written in the ledger rows' own transactions, so the sum over both parts equals a scan of the
/// ledger over the range — exact, while reading a few thousand rows instead of the range's millions.
/// </summary>
internal sealed record RollupSource(string Table, string TimeColumn, string Time, TimeSpan Grain, string Dimensions)
{
    /// <summary>Per hour × provider × model × task type.</summary>
    public static readonly RollupSource Hourly = new("usage_hourly", "hour", "hour", TimeSpan.FromHours(1), "provider, model, task_type");

    /// <summary>Per UTC day × API key × team.</summary>
    public static readonly RollupSource DailyByKey = new("usage_daily_key", "day", "day::timestamp AT TIME ZONE 'UTC'", TimeSpan.FromDays(1), "api_key_id, team");

    /// <summary>Per UTC day × caller Dapr app id (issue 18.8).</summary>
    public static readonly RollupSource DailyByApp = new("usage_daily_app", "day", "day::timestamp AT TIME ZONE 'UTC'", TimeSpan.FromDays(1), "caller_app_id");

    /// <summary>
    /// A subquery yielding <paramref name="dimensions"/>, <c>t</c> (the rollup's bucket or the row's
    /// time) and the summable columns; parameters from <see cref="Bind"/>.
    /// </summary>
    public string Rows(string dimensions) => $"""
        (SELECT {dimensions}, {Time} AS t, requests, input_tokens, cached_input_tokens,
                output_tokens, total_tokens, cost_micros, cache_hits, errors
         FROM {Table} WHERE {TimeColumn} >= @inner_from AND {TimeColumn} < @inner_to
         UNION ALL
         {Raw(dimensions)} WHERE occurred_at >= @from AND occurred_at < @inner_from_at
         UNION ALL
         {Raw(dimensions)} WHERE occurred_at >= @inner_to_at AND occurred_at < @to) AS rows
        """;

    /// <summary>Adds <c>@from</c>, <c>@to</c> and the whole-bucket bounds inside them.</summary>
    public void Bind(NpgsqlCommand command, DateTimeOffset from, DateTimeOffset to)
    {
        var (innerFrom, innerTo) = Inner(from.UtcDateTime, to.UtcDateTime);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<DateTime>("from", from.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("to", to.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("inner_from_at", innerFrom));
        p.Add(new NpgsqlParameter<DateTime>("inner_to_at", innerTo));
        if (Grain >= TimeSpan.FromDays(1)) // a DATE column
        {
            p.Add(new NpgsqlParameter<DateOnly>("inner_from", DateOnly.FromDateTime(innerFrom)));
            p.Add(new NpgsqlParameter<DateOnly>("inner_to", DateOnly.FromDateTime(innerTo)));
        }
        else
        {
            p.Add(new NpgsqlParameter<DateTime>("inner_from", innerFrom));
            p.Add(new NpgsqlParameter<DateTime>("inner_to", innerTo));
        }
    }

    /// <summary>The whole buckets inside [from, to); when there are none, an empty span at <paramref name="to"/>, so the head edge is the whole range.</summary>
    internal (DateTime From, DateTime To) Inner(DateTime from, DateTime to)
    {
        var grain = Grain.Ticks;
        var innerFrom = new DateTime((from.Ticks + grain - 1) / grain * grain, DateTimeKind.Utc);
        var innerTo = new DateTime(to.Ticks / grain * grain, DateTimeKind.Utc);
        return innerFrom <= innerTo ? (innerFrom, innerTo) : (to, to);
    }

    private static string Raw(string dimensions) => $"""
        SELECT {dimensions}, occurred_at, 1, input_tokens, cached_input_tokens, output_tokens, total_tokens, cost_micros,
               cache_hit::int, usage_failed(error_class, status)::int
        FROM usage_metrics
        """;
}
