using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using System.Globalization;
using Dapr.AiProvider.Client;
using static Dapr.AiProvider.Client.GatewayHeaders;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Api;

/// <summary>The <c>x-aiprovider-*</c> headers that explain each answer (errors included).</summary>
internal static class DecisionHeaders
{
    /// <summary>Read by the error and console paths too; the names are the client's <see cref="GatewayHeaders"/>.</summary>
    public const string RequestId = GatewayHeaders.RequestId;

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
        headers[FreeTier] = decision.FreeTier ? "true" : "false";
        if (costEstimated)
        {
            headers[CostEstimated] = "true";
        }
        // Fail-open must be visible: a request let through while budgets could not be checked never says "unlimited".
        headers[BudgetRemaining] = decision.BudgetUnverified ? "unverified"
            : decision.BudgetRemainingMicros is { } remaining ? Usd(remaining) : "unlimited";
        var elapsed = elapsedSinceArrival.TotalMilliseconds;
        headers[OverheadMs] = Math.Max(0, elapsed - decision.UpstreamMs).ToString("0.###", CultureInfo.InvariantCulture);
    }

    public static string Usd(long micros) => (micros / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);
}
