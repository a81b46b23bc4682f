using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>The non-streaming request path: plan, cache, budget, failover (coalesced per cache key), settle, record.</summary>
internal sealed class ChatPipeline(
    CallPlanner planner, FailoverExecutor failover, ICompletionBackend backend, CacheAccess cache,
    SingleFlight<FailoverResult<AdapterChatResult>> flights, UsageRecorder usage, IHostApplicationLifetime lifetime, TimeProvider time)
{
    public async Task<ChatOutcome> CompleteAsync(ChatCall call, CancellationToken cancellationToken)
    {
        var decision = new Decision { RequestId = call.RequestId };
        var (prepared, error) = await planner.PrepareAsync(call, cancellationToken);
        if (prepared is null)
        {
            return Fail(call, decision, error!);
        }
        decision = decision with
        {
            RouteReason = prepared.Plan.Reason,
            Cache = prepared.CacheKey is null ? CacheStatus.Bypass : CacheStatus.Miss,
        };
        if (prepared.Cache.Lookup && await cache.TryGetAsync(prepared.CacheKey!, cancellationToken) is { } hit)
        {
            return Hit(call, decision, hit);
        }
        var (reservation, budgetError) = await planner.ReserveAsync(prepared, cancellationToken);
        if (reservation is null)
        {
            return Fail(call, decision, budgetError!);
        }
        var (result, leader) = prepared.Cache.Store
            ? await flights.RunAsync(prepared.CacheKey!, t => RunAsync(prepared, t), lifetime.ApplicationStopping, cancellationToken)
            : (await RunAsync(prepared, cancellationToken), true);
        decision = decision with
        {
            Attempts = leader ? result.Attempts.Count(a => !a.Skipped) : 0,
            Fallbacks = Fallbacks(result),
            UpstreamMs = leader ? result.UpstreamMs : 0,
        };
        if (result.Value is not { } value || result.Winner is not { } winner)
        {
            planner.Settle(reservation, 0, 0);
            return Fail(call, decision, result.Error!, result.LastErrorClass);
        }
        var completion = value.Completion with { Model = winner.Id };
        var cost = leader ? value.Usage.CostMicros : 0;
        planner.Settle(reservation, cost, leader ? value.Usage.Tokens.TotalTokens : 0);
        decision = decision with
        {
            Provider = winner.Provider,
            Model = winner.ModelName,
            Cache = leader ? decision.Cache : CacheStatus.Hit,
            CostMicros = cost,
            Tokens = value.Usage.Tokens,
            BudgetRemainingMicros = planner.BudgetRemaining(call),
        };
        if (leader && prepared.Cache.Store)
        {
            // Awaited (one state-store write) so that the same request sent right after this answer is a hit.
            await cache.StoreAsync(prepared.CacheKey!, new CachedCompletion
            {
                Completion = completion, Provider = winner.Provider, Model = winner.ModelName,
                Tokens = value.Usage.Tokens, CostMicros = value.Usage.CostMicros, CachedAt = time.GetUtcNow(),
            }, prepared.Cache.TtlSeconds);
        }
        usage.Record(call, decision, 200, null);
        return new ChatOutcome(completion, decision, null);
    }

    private Task<FailoverResult<AdapterChatResult>> RunAsync(PreparedCall prepared, CancellationToken cancellationToken) =>
        failover.ExecuteAsync(prepared.Plan, async (candidate, token) =>
        {
            var outcome = await backend.CompleteAsync(new AdapterChatRequest
            {
                RequestId = prepared.Call.RequestId,
                Provider = candidate.Provider,
                Model = candidate.ModelName,
                Request = prepared.Call.Request with { Model = candidate.ModelName, Stream = false, StreamOptions = null },
            }, token);
            return outcome.Result is { } ok ? AttemptOutcome<AdapterChatResult>.Success(ok) : AttemptOutcome<AdapterChatResult>.Failure(outcome.Error!);
        }, cancellationToken);

    private ChatOutcome Hit(ChatCall call, Decision decision, CachedCompletion hit)
    {
        decision = decision.ServedFrom(hit, "cache", planner.BudgetRemaining(call));
        usage.Record(call, decision, 200, null);
        return new ChatOutcome(hit.Completion, decision, null);
    }

    private ChatOutcome Fail(ChatCall call, Decision decision, GatewayError error, Contracts.ErrorClass? errorClass = null)
    {
        usage.Record(call, decision, error.Status, errorClass);
        return new ChatOutcome(null, decision, error) { ErrorClass = errorClass };
    }

    internal static IReadOnlyList<string> Fallbacks<T>(FailoverResult<T> result) where T : class =>
        [.. result.Attempts.Where(a => a.ErrorClass is not null || a.Skipped)
            .Select(a => $"{a.ModelId}:{(a.ErrorClass is { } c ? ErrorClassNames.Of(c) : "circuit_open")}")];
}
