namespace Dapr.AiProvider.Client;

/// <summary>
/// The gateway's <c>x-aiprovider-*</c> header names, the one list of them: the router compiles this file in and its
/// <c>DecisionHeaders</c> writes them (README "Every answer explains itself in headers").
/// </summary>
public static class GatewayHeaders
{
    /// <summary>The provider that answered.</summary>
    public const string Provider = "x-aiprovider-provider";
    /// <summary>The provider's model that answered.</summary>
    public const string Model = "x-aiprovider-model";
    /// <summary>Why the candidate was chosen.</summary>
    public const string RouteReason = "x-aiprovider-route-reason";
    /// <summary>Upstream attempts made.</summary>
    public const string Attempts = "x-aiprovider-attempts";
    /// <summary>Comma-separated failed candidates, <c>provider/model:error_class</c>.</summary>
    public const string Fallbacks = "x-aiprovider-fallbacks";
    /// <summary><c>HIT</c>, <c>MISS</c> or <c>BYPASS</c>; on a request, <c>force</c> asks for caching.</summary>
    public const string Cache = "x-aiprovider-cache";
    /// <summary>Cost in US dollars.</summary>
    public const string CostUsd = "x-aiprovider-cost-usd";
    /// <summary><c>true</c> when a free tier answered: its cost, if any, is paid from the provider's free credits (Hugging
    /// Face's monthly dollars), not billed.</summary>
    public const string FreeTier = "x-aiprovider-free-tier";
    /// <summary><c>true</c> when the cost is an estimate (streams).</summary>
    public const string CostEstimated = "x-aiprovider-cost-estimated";
    /// <summary>Budget left in US dollars, <c>unlimited</c>, or <c>unverified</c> (the quota service was unreachable and the
    /// fail-open policy let the request through unchecked).</summary>
    public const string BudgetRemaining = "x-aiprovider-budget-remaining";
    /// <summary>The gateway's own time in milliseconds.</summary>
    public const string OverheadMs = "x-aiprovider-overhead-ms";
    /// <summary>Comma-separated request fields the provider that answered could not honour.</summary>
    public const string DroppedParams = "x-aiprovider-dropped-params";
    /// <summary>The gateway's request id.</summary>
    public const string RequestId = "x-aiprovider-request-id";
    /// <summary>Request header: another routing order (<c>latency</c>, <c>quality</c>, <c>weighted</c>, <c>least-busy</c>).</summary>
    public const string Strategy = "x-aiprovider-strategy";
}
