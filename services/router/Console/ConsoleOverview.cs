namespace Dapr.AiProvider.Router.Console;

/// <summary>The Overview page's figures over the recent decisions of this replica: totals and one point per minute.</summary>
internal sealed record ConsoleOverview(
    DateTimeOffset From,
    DateTimeOffset To,
    int Requests,
    int Errors,
    double ErrorRatio,
    IReadOnlyDictionary<string, int> ErrorsByClass,
    double P95LatencyMs,
    int CacheHits,
    double CacheHitRatio,
    long CostMicros,
    IReadOnlyList<OverviewPoint> Series)
{
    public const int Minutes = 30;

    /// <summary>The last <see cref="Minutes"/> whole minutes up to <paramref name="now"/>; a minute without requests is a zero point.</summary>
    public static ConsoleOverview Of(IReadOnlyList<DecisionEntry> entries, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        var start = end.AddMinutes(-Minutes);
        var inWindow = entries.Where(e => e.At >= start && e.At < end).ToArray();
        var errors = inWindow.Where(IsError).ToArray();
        var byClass = errors.GroupBy(ClassOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var hits = inWindow.Count(e => e.Cache == "hit");
        var series = Enumerable.Range(0, Minutes).Select(i =>
        {
            var minute = start.AddMinutes(i);
            var bucket = inWindow.Where(e => e.At >= minute && e.At < minute.AddMinutes(1)).ToArray();
            return new OverviewPoint(minute, bucket.Length, bucket.Count(IsError), P95(bucket), bucket.Count(e => e.Cache == "hit"), bucket.Sum(e => e.CostMicros));
        }).ToArray();
        return new ConsoleOverview(start, end, inWindow.Length, errors.Length, Ratio(errors.Length, inWindow.Length), byClass,
            P95(inWindow), hits, Ratio(hits, inWindow.Length), inWindow.Sum(e => e.CostMicros), series);
    }

    private static bool IsError(DecisionEntry entry) => entry.Status >= 400;

    /// <summary>The error class when the pipeline named one; otherwise the status (e.g. a budget refusal, <c>status_429</c>).</summary>
    private static string ClassOf(DecisionEntry entry) => entry.ErrorClass ?? $"status_{entry.Status}";

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>Nearest-rank 95th percentile of the end-to-end latency (0 without requests).</summary>
    private static double P95(DecisionEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return 0;
        }
        var sorted = entries.Select(e => e.LatencyMs).Order().ToArray();
        return Math.Round(sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1], 1);
    }
}

/// <summary>One minute of the Overview charts.</summary>
internal sealed record OverviewPoint(DateTimeOffset Minute, int Requests, int Errors, double P95LatencyMs, int CacheHits, long CostMicros);
