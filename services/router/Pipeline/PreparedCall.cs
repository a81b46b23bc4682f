using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>A request after routing and the cache decision, before any provider is called.</summary>
public sealed record PreparedCall(ChatCall Call, RoutePlan Plan, RouteQuery Query, CacheDecision Cache, string? CacheKey)
{
    public long EstimatedCostMicros => Plan.Candidates.Count == 0 ? 0 : Plan.Candidates[0].EstimatedCostMicros;
    public int EstimatedTokens => Query.PromptTokens + (Query.MaxOutputTokens ?? 0);
}

/// <summary>The budget reservation of a prepared call.</summary>
public sealed record Reservation(BudgetTicket Ticket, LeaseAmounts Reserved);
