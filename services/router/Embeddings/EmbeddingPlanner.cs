using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>
/// An embedding call's preparation for the one pipeline: token count → route plan over embedding models → each
/// candidate's estimate for every input → cache slot. (Chat's is <see cref="CallPlanner.PrepareAsync"/>.)
/// </summary>
internal sealed class EmbeddingPlanner(
    CatalogStore catalog, RoutingEngine routing, TokenCounter tokens, IOptions<RouterOptions> options, TimeProvider time)
{
    public async Task<Step<PreparedCall>> PrepareAsync(EmbeddingCall call, ChatCall view, CancellationToken cancellationToken)
    {
        var (largest, total) = Count(call.Inputs);
        var query = new RouteQuery
        {
            Model = call.Model,
            TaskType = EmbeddingCall.TaskType,
            Embeddings = true,
            RequiredCapabilities = call.Dimensions is null ? [] : [EmbeddingModels.DimensionsCapability],
            // A model's context window bounds each input on its own, so the largest input is what must fit.
            PromptTokens = largest,
            Strategy = call.Strategy,
            AllowedProviders = call.Identity.AllowedProviders,
            AllowedModels = call.Identity.AllowedModels,
        };
        var plan = routing.Plan(query, await catalog.EnsureLoadedAsync(cancellationToken), time.GetUtcNow());
        if (plan.Error is { } noRoute)
        {
            return Step<PreparedCall>.Refuse(noRoute);
        }
        // What is reserved and charged to the windows is every input, not the largest.
        var whole = query with { PromptTokens = total };
        var candidates = new Candidate[plan.Candidates.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = plan.Candidates[i];
            candidates[i] = candidate with { EstimatedTokens = total, EstimatedCostMicros = routing.EstimateCost(candidate.Model, whole) };
        }
        var settings = options.Value.Cache;
        var cache = CacheDecision.ForDeterministic(call.CacheControl, call.CacheHeader, settings.DefaultTtlSeconds, settings.Enabled);
        var slot = cache.Store ? new CacheSlot(EmbeddingCacheKey.Build(call), cache.Lookup, cache.TtlSeconds) : null;
        return Step<PreparedCall>.Pass(new PreparedCall(view, plan with { Candidates = candidates }, query, slot));
    }

    private (int Largest, int Total) Count(IReadOnlyList<string> inputs)
    {
        int largest = 0, total = 0;
        foreach (var input in inputs)
        {
            var count = tokens.CountText(input);
            largest = Math.Max(largest, count);
            total += count;
        }
        return (largest, total);
    }
}
