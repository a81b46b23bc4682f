using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>Usage analytics over the ledger: usage by dimension, top consumers, cache hit rate.</summary>
internal static class AnalyticsEndpoints
{
    internal static async Task<Results<Ok<UsageReport>, ProblemHttpResult>> GetUsage(string? from, string? to, string? groupBy,
        UsageAnalytics analytics, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        groupBy ??= "day";
        var valid = TimeRange.TryParse(from, to, time.GetUtcNow(), out var start, out var end, out var errors);
        if (!UsageAnalytics.Groupings.ContainsKey(groupBy))
        {
            errors["groupBy"] = ["groupBy must be one of: " + string.Join(", ", UsageAnalytics.Groupings.Keys) + "."];
            valid = false;
        }
        if (!valid)
        {
            return QuotaApi.Invalid(errors);
        }
        return await LedgerCall.RunAsync(loggers, async () => new UsageReport
        {
            From = start, To = end, GroupBy = groupBy,
            Buckets = await analytics.UsageAsync(start, end, groupBy, cancellationToken),
        });
    }

    internal static async Task<Results<Ok<TopConsumersReport>, ProblemHttpResult>> GetTopConsumers(string? from, string? to, int? limit,
        UsageAnalytics analytics, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var valid = TimeRange.TryParse(from, to, time.GetUtcNow(), out var start, out var end, out var errors);
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit must be between 1 and 1000."];
            valid = false;
        }
        if (!valid)
        {
            return QuotaApi.Invalid(errors);
        }
        return await LedgerCall.RunAsync(loggers, async () => new TopConsumersReport
        {
            From = start, To = end,
            Consumers = await analytics.TopConsumersAsync(start, end, limit ?? 10, cancellationToken),
        });
    }

    internal static async Task<Results<Ok<CacheHitRate>, ProblemHttpResult>> GetCacheHitRate(string? from, string? to,
        UsageAnalytics analytics, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!TimeRange.TryParse(from, to, time.GetUtcNow(), out var start, out var end, out var errors))
        {
            return QuotaApi.Invalid(errors);
        }
        return await LedgerCall.RunAsync(loggers, async () =>
        {
            var (requests, hits) = await analytics.CacheHitsAsync(start, end, cancellationToken);
            return new CacheHitRate
            {
                From = start, To = end, Requests = requests, CacheHits = hits,
                Rate = requests == 0 ? 0 : (double)hits / requests,
            };
        });
    }
}
