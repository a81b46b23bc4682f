using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>HIT / MISS / BYPASS, as sent in <c>x-aiprovider-cache</c>.</summary>
internal enum CacheStatus
{
    Bypass,
    Miss,
    Hit,
}

/// <summary>Everything the decision headers and the usage event say about one request.</summary>
internal sealed record Decision
{
    public string RequestId { get; init; } = "";
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public string RouteReason { get; init; } = "";
    public int Attempts { get; init; }
    /// <summary>Candidates that failed before the winner, e.g. <c>openai/gpt-4o:rate_limited</c>.</summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];
    public CacheStatus Cache { get; init; } = CacheStatus.Bypass;
    public long? CostMicros { get; init; }
    /// <summary>A free-tier model answered: <see cref="CostMicros"/>, if any, is paid from the provider's free credits.</summary>
    public bool FreeTier { get; init; }
    public long? BudgetRemainingMicros { get; init; }
    /// <summary>The quota service could not be reached and the fail-open policy let the request through unchecked.</summary>
    public bool BudgetUnverified { get; init; }
    public double UpstreamMs { get; init; }
    public TokenUsage Tokens { get; init; } = TokenUsage.Zero;
    /// <summary>Request fields the winning provider's family cannot honour (<see cref="ParameterSupport.Dropped"/>).</summary>
    public IReadOnlyList<string> DroppedParams { get; init; } = [];

    /// <summary>Answered from a stored (or coalesced) answer: its provider and tokens, nothing spent.</summary>
    public Decision ServedFrom(CachedAnswer hit, string reason, long? budgetRemainingMicros) => this with
    {
        RouteReason = reason, Provider = hit.Provider, Model = hit.Model, Cache = CacheStatus.Hit, CostMicros = 0, Tokens = hit.Tokens,
        BudgetRemainingMicros = budgetRemainingMicros,
    };
}
