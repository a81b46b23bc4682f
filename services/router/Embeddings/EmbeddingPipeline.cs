using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Usage;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>
/// The embedding request path: cache lookup → route plan over embedding models → budget reservation → failover →
/// settle, report the winner, usage, cache. It reuses the chat path's parts (<see cref="RoutingEngine"/>,
/// <see cref="BudgetGuard"/>, <see cref="FailoverExecutor"/>, <see cref="AttemptSink"/>, <see cref="UsageRecorder"/>)
/// rather than <see cref="RequestPipeline"/>, whose preparation and cache are chat-shaped; an answer is whole, so there
/// is no stream edge and no flight.
/// </summary>
internal sealed partial class EmbeddingPipeline(
    CatalogStore catalog, RoutingEngine routing, TokenCounter tokens, BudgetGuard budget, FailoverExecutor failover,
    AttemptSink attempts, UsageRecorder usage, IEmbeddingBackend backend, IEmbeddingCache cache,
    IOptions<RouterOptions> options, TimeProvider time, ILogger<EmbeddingPipeline> logger)
{
    public async Task<EmbeddingResult> RunAsync(EmbeddingCall call, CancellationToken cancellationToken)
    {
        var decision = new Decision { RequestId = call.RequestId };
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
            return Refuse(call, decision, noRoute, null);
        }
        var settings = options.Value.Cache;
        var directives = call.CacheControl ?? "";
        var store = settings.Enabled && !string.Equals(call.CacheHeader, "bypass", StringComparison.OrdinalIgnoreCase)
            && !directives.Contains("no-store", StringComparison.OrdinalIgnoreCase);
        var key = store ? EmbeddingCacheKey.Build(call) : null;
        decision = decision with { RouteReason = plan.Reason, Cache = store ? CacheStatus.Miss : CacheStatus.Bypass };
        if (key is not null && !directives.Contains("no-cache", StringComparison.OrdinalIgnoreCase)
            && await TryGetAsync(key, cancellationToken) is { } hit)
        {
            decision = decision with
            {
                RouteReason = "cache", Provider = hit.Provider, Model = hit.Model, Cache = CacheStatus.Hit, CostMicros = 0, Tokens = hit.Tokens,
                BudgetRemainingMicros = budget.RemainingCostMicros(call.Identity.KeyId),
            };
            usage.Record(ForUsage(call), decision, 200, null);
            return new EmbeddingResult.Answered(decision, hit.Vectors, $"{hit.Provider}/{hit.Model}");
        }

        var estimate = routing.EstimateCost(plan.Candidates[0].Model, query with { PromptTokens = total });
        var need = new LeaseAmounts(1, total, estimate);
        var (ticket, refused) = await budget.ReserveAsync(call.Identity.KeyId, call.Identity.Team, need, cancellationToken);
        if (refused is not null)
        {
            return Refuse(call, decision, refused, null);
        }
        FailoverResult<AdapterEmbeddingResult> result;
        try
        {
            result = await failover.ExecuteAsync(plan, (candidate, token) => backend.EmbedAsync(new AdapterEmbeddingRequest
            {
                RequestId = call.RequestId, Provider = candidate.Provider, Model = candidate.ModelName, Inputs = call.Inputs,
                Dimensions = call.Dimensions, User = call.User, CountedTokens = total,
            }, token), cancellationToken);
        }
        catch
        {
            budget.Settle(ticket, LeaseAmounts.Zero);
            throw;
        }
        decision = decision with { Attempts = result.Sent, Fallbacks = result.Fallbacks, UpstreamMs = result.UpstreamMs };
        switch (result)
        {
            case FailoverResult<AdapterEmbeddingResult>.Won won:
                var report = won.Value.Usage;
                budget.Settle(ticket, new LeaseAmounts(1, report.Tokens.TotalTokens, report.CostMicros));
                await attempts.SucceededAsync(won.Ticket, CancellationToken.None);
                decision = decision with
                {
                    Provider = won.Winner.Provider, Model = won.Winner.ModelName, CostMicros = report.CostMicros, Tokens = report.Tokens,
                    BudgetRemainingMicros = budget.RemainingCostMicros(call.Identity.KeyId),
                };
                usage.Record(ForUsage(call), decision, 200, null);
                if (key is not null)
                {
                    await StoreAsync(key, new CachedEmbeddings
                    {
                        Vectors = won.Value.Vectors, Provider = won.Winner.Provider, Model = won.Winner.ModelName,
                        Tokens = report.Tokens, CostMicros = report.CostMicros, CachedAt = time.GetUtcNow(),
                    }, settings.DefaultTtlSeconds);
                }
                return new EmbeddingResult.Answered(decision, won.Value.Vectors, won.Winner.Id);
            case FailoverResult<AdapterEmbeddingResult>.Lost lost:
                budget.Settle(ticket, LeaseAmounts.Zero);
                return Refuse(call, decision, lost.Error, lost.LastErrorClass);
            default:
                throw new System.Diagnostics.UnreachableException();
        }
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

    /// <summary>The usage event's view of the request: task type <c>embeddings</c>, the model as asked, never a stream.</summary>
    private static ChatCall ForUsage(EmbeddingCall call) => new()
    {
        RequestId = call.RequestId, Identity = call.Identity, TaskType = EmbeddingCall.TaskType,
        Request = new ChatCompletionRequest { Model = call.Model }, StartedTimestamp = call.StartedTimestamp,
    };

    private EmbeddingResult.Failed Refuse(EmbeddingCall call, Decision decision, GatewayError error, ErrorClass? errorClass)
    {
        usage.Record(ForUsage(call), decision, error.Status, errorClass);
        return new EmbeddingResult.Failed(decision, error);
    }

    /// <summary>A cache outage is a miss, never an error for the caller.</summary>
    private async Task<CachedEmbeddings?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CacheFailed(logger, "read", ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Awaited (one state-store write) so that the same request sent right after is a hit; a failure is logged only.</summary>
    private async Task StoreAsync(string key, CachedEmbeddings value, int ttlSeconds)
    {
        try
        {
            await cache.SetAsync(key, value, ttlSeconds, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.CacheFailed(logger, "write", ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1701, LogLevel.Warning, "Embedding cache {Operation} failed ({Failure})")]
        public static partial void CacheFailed(ILogger logger, string operation, string failure);
    }
}
