using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>A request after routing and the cache decision, before any provider is called.</summary>
/// <param name="Cache">Where its answer is cached; null when the cache is bypassed.</param>
internal sealed record PreparedCall(ChatCall Call, RoutePlan Plan, RouteQuery Query, CacheSlot? Cache)
{
    public long EstimatedCostMicros => Plan.Candidates.Count == 0 ? 0 : Plan.Candidates[0].EstimatedCostMicros;
    public int EstimatedTokens => Query.PromptTokens + (Query.MaxOutputTokens ?? 0);

    /// <summary>What provider-adapters is asked for one candidate; a stream always asks for the usage report.</summary>
    public AdapterChatRequest ForCandidate(Candidate candidate, bool stream) => new()
    {
        RequestId = Call.RequestId,
        Provider = candidate.Provider,
        Model = candidate.ModelName,
        Request = Call.Request with
        {
            Model = candidate.ModelName, Stream = stream, StreamOptions = stream ? new() { IncludeUsage = true } : null,
        },
    };
}

/// <summary>A cacheable request's entry: its key, whether to look it up first (not with <c>no-cache</c>) and how long to keep the answer.</summary>
internal sealed record CacheSlot(string Key, bool Lookup, int TtlSeconds);

/// <summary>The budget reservation of a prepared call.</summary>
internal sealed record Reservation(BudgetTicket Ticket, LeaseAmounts Reserved);
