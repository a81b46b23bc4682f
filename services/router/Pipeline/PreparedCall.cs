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
    /// <summary>The first candidate's estimate; a dearer candidate reached by failover tops the reservation up first.</summary>
    public long EstimatedCostMicros => Plan.Candidates.Count == 0 ? 0 : Plan.Candidates[0].EstimatedCostMicros;
    public int EstimatedTokens => Plan.Candidates.Count == 0 ? Query.PromptTokens : Plan.Candidates[0].EstimatedTokens;

    /// <summary>What provider-adapters is asked for one candidate; a stream always asks for the usage report.</summary>
    /// <param name="sendBy">The end of the window lease the attempt was reserved from (<see cref="AdapterChatRequest.SendBy"/>).</param>
    public AdapterChatRequest ForCandidate(Candidate candidate, bool stream, DateTimeOffset? sendBy = null) => new()
    {
        SendBy = sendBy,
        RequestId = Call.RequestId,
        Provider = candidate.Provider,
        Model = candidate.ModelName,
        Request = Call.Request with
        {
            Model = candidate.ModelName, Stream = stream, StreamOptions = stream ? new() { IncludeUsage = true } : null,
        },
        AnthropicBody = Call.Request.AnthropicBody,
    };
}

/// <summary>A cacheable request's entry: its key, whether to look it up first (not with <c>no-cache</c>) and how long to keep the answer.</summary>
internal sealed record CacheSlot(string Key, bool Lookup, int TtlSeconds);

/// <summary>
/// The reservations of a prepared call: the budget (key, team, global), topped up before failover reaches a dearer
/// candidate, and the provider windows of the attempt that answered (those of failed attempts are settled as they fail).
/// </summary>
internal sealed class Reservation(BudgetTicket ticket, LeaseAmounts reserved)
{
    public BudgetTicket Ticket { get; private set; } = ticket;

    /// <summary>What the budget scopes hold for this request so far (the dearest candidate tried yet).</summary>
    public LeaseAmounts Reserved { get; private set; } = reserved;

    public WindowPass Windows { get; set; } = WindowPass.Open;

    /// <summary>The model whose attempt answered (its provider's headroom corrects its windows at the end).</summary>
    public CatalogModel? Winner { get; set; }

    public void TopUp(BudgetTicket more, LeaseAmounts extra)
    {
        Ticket = Ticket.With(more);
        Reserved += extra;
    }
}
