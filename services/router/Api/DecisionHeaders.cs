using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using System.Globalization;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Api;

/// <summary>The <c>x-aiprovider-*</c> headers that explain each answer (errors included).</summary>
internal static class DecisionHeaders
{
    public const string Provider = "x-aiprovider-provider";
    public const string Model = "x-aiprovider-model";
    public const string RouteReason = "x-aiprovider-route-reason";
    public const string Attempts = "x-aiprovider-attempts";
    public const string Fallbacks = "x-aiprovider-fallbacks";
    public const string Cache = "x-aiprovider-cache";
    public const string CostUsd = "x-aiprovider-cost-usd";
    public const string CostEstimated = "x-aiprovider-cost-estimated";
    public const string BudgetRemaining = "x-aiprovider-budget-remaining";
    public const string OverheadMs = "x-aiprovider-overhead-ms";
    public const string RequestId = "x-aiprovider-request-id";
    public const string DroppedParams = "x-aiprovider-dropped-params";

    public static void Apply(HttpResponse response, Decision decision, TimeSpan elapsedSinceArrival, bool costEstimated = false)
    {
        var headers = response.Headers;
        headers[RequestId] = decision.RequestId;
        headers[Provider] = decision.Provider ?? "none";
        headers[Model] = decision.Model ?? "none";
        headers[RouteReason] = string.IsNullOrEmpty(decision.RouteReason) ? "none" : decision.RouteReason;
        headers[Attempts] = decision.Attempts.ToString(CultureInfo.InvariantCulture);
        if (decision.Fallbacks.Count > 0)
        {
            headers[Fallbacks] = string.Join(",", decision.Fallbacks);
        }
        if (decision.DroppedParams.Count > 0)
        {
            headers[DroppedParams] = string.Join(",", decision.DroppedParams);
        }
        headers[Cache] = decision.Cache switch
        {
            CacheStatus.Hit => "HIT",
            CacheStatus.Miss => "MISS",
            _ => "BYPASS",
        };
        headers[CostUsd] = Usd(decision.CostMicros ?? 0);
        if (costEstimated)
        {
            headers[CostEstimated] = "true";
        }
        headers[BudgetRemaining] = decision.BudgetRemainingMicros is { } remaining ? Usd(remaining) : "unlimited";
        var elapsed = elapsedSinceArrival.TotalMilliseconds;
        headers[OverheadMs] = Math.Max(0, elapsed - decision.UpstreamMs).ToString("0.###", CultureInfo.InvariantCulture);
    }

    public static string Usd(long micros) => (micros / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);
}
