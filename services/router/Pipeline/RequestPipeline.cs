using Dapr.AiProvider.Router.Usage;
using System.Diagnostics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// The one request path, for every kind of call (chat streamed or not, embeddings; <see cref="ICallKind{T, TAnswer}"/>
/// says what differs): prepare (validate, route, cache decision) → cache lookup → join an identical request in
/// flight → reserve budget → failover. <see cref="RunAsync{T}"/> stops before any byte is written; the edge
/// (<c>CompletionResponder</c>, <c>StreamResponder</c>, <c>EmbeddingResponder</c>) writes the answer and calls
/// <see cref="FinishAsync{T}"/>, which settles, reports the winning attempt, records usage and caches the answer.
/// </summary>
/// <typeparam name="TAnswer">What the kind's cache keeps: one pipeline (cache, flights) per kind of answer.</typeparam>
internal sealed class RequestPipeline<TAnswer>(
    CallPlanner planner, CacheAccess<TAnswer> cache, AnswerFlights<TAnswer> flights, FailoverExecutor failover, AttemptSink attempts,
    UsageRecorder usage, IOptions<RouterOptions> options, TimeProvider time)
    where TAnswer : CachedAnswer
{
    /// <param name="call">The call as budgets, usage events and spans see it.</param>
    public async Task<CallOutcome<T, TAnswer>> RunAsync<T>(ChatCall call, ICallKind<T, TAnswer> kind, CancellationToken cancellationToken)
    {
        var decision = new Decision { RequestId = call.RequestId };
        Step<PreparedCall> step;
        using (var routing = RouterTracing.Enabled ? RouterTracing.StartRouting(call.Request.Model ?? "", call.TaskType, call.Strategy?.ToString() ?? "default") : null)
        {
            step = await kind.PrepareAsync(call, cancellationToken);
            if (routing is not null)
            {
                var plan = (step as Step<PreparedCall>.Go)?.Value.Plan;
                RouterTracing.RouteChosen(routing, plan is null ? [] : [.. plan.Candidates.Select(c => c.Id)],
                    plan?.Candidates.FirstOrDefault()?.Id, plan?.Reason ?? "refused");
            }
        }
        switch (step)
        {
            case Step<PreparedCall>.Stop stop:
                return Refuse<T>(call, decision, stop.Error, null);
            case Step<PreparedCall>.Go { Value: var prepared }:
                decision = decision with { RouteReason = prepared.Plan.Reason, Cache = prepared.Cache is null ? CacheStatus.Bypass : CacheStatus.Miss };
                return prepared.Cache is { } slot
                    ? await RunCacheableAsync(prepared, slot, decision, kind, cancellationToken)
                    : await CallProvidersAsync(prepared, null, decision, kind, cancellationToken);
            default:
                throw new UnreachableException();
        }
    }

    /// <summary>The end of a served answer: exactly once per <see cref="CallOutcome{T, TAnswer}.Served"/>, whatever happened while writing it.</summary>
    /// <returns>The decision with the real cost and tokens.</returns>
    public async Task<Decision> FinishAsync<T>(CallOutcome<T, TAnswer>.Served served, AnswerEnd end)
    {
        var (prepared, reservation, ticket, flight, kind) = served.Delivery;
        var call = prepared.Call;
        TAnswer? answer = null;
        try
        {
            var tokens = end.Usage?.Tokens ?? TokenUsage.Zero;
            var cost = end.Usage?.CostMicros ?? 0;
            planner.Settle(reservation, cost, tokens.TotalTokens, end.Usage?.Headroom);
            if (end is AnswerEnd.ProviderFailed failed)
            {
                await attempts.FailedAsync(ticket.Candidate, ticket.Permit, failed.Error with { AfterContent = true }, CancellationToken.None);
            }
            else
            {
                await attempts.SucceededAsync(ticket, CancellationToken.None);
            }
            var decision = served.Decision with { CostMicros = cost, Tokens = tokens, BudgetRemainingMicros = planner.BudgetRemaining(call) };
            usage.Record(call, decision, end.RecordedStatus, end.Failure, end.FailureCode);
            if (end is AnswerEnd.Complete complete && prepared.Cache is { } slot && kind.ToCached(served.Value, complete) is { } kept)
            {
                answer = (TAnswer)((CachedAnswer)kept with
                {
                    Provider = ticket.Candidate.Provider, Model = ticket.Candidate.ModelName, Tokens = tokens, CostMicros = cost, CachedAt = time.GetUtcNow(),
                });
                // Awaited (one state-store write) so that the same request sent right after this answer is a hit.
                await cache.StoreAsync(slot.Key, answer, slot.TtlSeconds);
            }
            return decision;
        }
        finally
        {
            flight?.Finish(answer); // followers are served this answer, or go on their own when null
        }
    }

    private async Task<CallOutcome<T, TAnswer>> RunCacheableAsync<T>(
        PreparedCall prepared, CacheSlot slot, Decision decision, ICallKind<T, TAnswer> kind, CancellationToken cancellationToken)
    {
        var call = prepared.Call;
        if (slot.Lookup)
        {
            using var lookup = RouterTracing.StartCacheLookup();
            var hit = await cache.TryGetAsync(slot.Key, cancellationToken);
            RouterTracing.CacheResult(lookup, hit is null ? "miss" : "hit");
            if (hit is not null)
            {
                return Serve<T>(call, decision, hit, "cache");
            }
        }
        if (!flights.TryLead(slot.Key, out var flight))
        {
            // An identical request is under way: wait for its answer rather than pay for a second one.
            var deadline = TimeSpan.FromSeconds(options.Value.TotalDeadlineSeconds);
            if (await flight.WaitAsync(deadline, time, cancellationToken) is { } shared)
            {
                return Serve<T>(call, decision, shared, "coalesced");
            }
            return await CallProvidersAsync(prepared, null, decision, kind, cancellationToken);
        }
        try
        {
            var outcome = await CallProvidersAsync(prepared, flight, decision, kind, cancellationToken);
            if (outcome is not CallOutcome<T, TAnswer>.Served)
            {
                flight.Finish(null);
            }
            return outcome;
        }
        catch
        {
            flight.Finish(null);
            throw;
        }
    }

    private async Task<CallOutcome<T, TAnswer>> CallProvidersAsync<T>(
        PreparedCall prepared, AnswerFlights<TAnswer>.AnswerFlight? flight, Decision decision, ICallKind<T, TAnswer> kind, CancellationToken cancellationToken)
    {
        var call = prepared.Call;
        Reservation reservation;
        Step<Reservation> reserved;
        using (var budgetSpan = RouterTracing.Enabled ? RouterTracing.StartBudgetCheck(["key:" + call.Identity.KeyId, "global"]) : null)
        {
            reserved = await planner.ReserveAsync(prepared, cancellationToken);
            if (budgetSpan is not null)
            {
                var outcome = reserved switch
                {
                    Step<Reservation>.Stop { Error.Status: 429 } => "exhausted",
                    Step<Reservation>.Stop => "unavailable",
                    _ => "granted",
                };
                RouterTracing.BudgetResult(budgetSpan, outcome, planner.BudgetRemaining(call) is { } micros ? micros / 1_000_000.0 : null);
            }
        }
        switch (reserved)
        {
            case Step<Reservation>.Stop stop:
                return Refuse<T>(call, decision, stop.Error, null);
            case Step<Reservation>.Go go:
                reservation = go.Value;
                break;
            default:
                throw new UnreachableException();
        }
        var result = await failover.ExecuteAsync(
            prepared.Plan, (candidate, token) => planner.AttemptAsync(prepared, reservation, candidate, (sendBy, t) => kind.SendAsync(prepared, candidate, sendBy, t), token),
            cancellationToken, call.Stream);
        decision = decision with { Attempts = result.Sent, Fallbacks = result.Fallbacks, UpstreamMs = result.UpstreamMs };
        switch (result)
        {
            case FailoverResult<T>.Won won:
                decision = decision with
                {
                    Provider = won.Winner.Provider, Model = won.Winner.ModelName, CostMicros = won.Winner.EstimatedCostMicros,
                    FreeTier = won.Winner.Model.FreeTier,
                    BudgetRemainingMicros = planner.BudgetRemaining(call), BudgetUnverified = reservation.Ticket.Unverified,
                    DroppedParams = ParameterSupport.Dropped(won.Winner.Model.Family, call.Request),
                };
                return new CallOutcome<T, TAnswer>.Served(decision, won.Value, new Delivery<T, TAnswer>(prepared, reservation, won.Ticket, flight, kind));
            case FailoverResult<T>.Lost lost:
                planner.Settle(reservation, 0, 0);
                return Refuse<T>(call, decision, lost.Error, lost.LastErrorClass, lost.Attempts.LastOrDefault(a => !a.Skipped));
            default:
                throw new UnreachableException();
        }
    }

    private CallOutcome<T, TAnswer> Serve<T>(ChatCall call, Decision decision, TAnswer answer, string reason)
    {
        decision = decision.ServedFrom(answer, reason, planner.BudgetRemaining(call));
        usage.Record(call, decision, 200, null);
        return new CallOutcome<T, TAnswer>.Cached(decision, answer);
    }

    /// <param name="lastAttempt">The last candidate actually asked: the ledger row names its provider and model, so
    /// "errors by provider" can be answered from the ledger (the caller's headers do not name it).</param>
    private CallOutcome<T, TAnswer> Refuse<T>(ChatCall call, Decision decision, GatewayError error, ErrorClass? errorClass, AttemptRecord? lastAttempt = null)
    {
        var recorded = lastAttempt?.ModelId.Split('/', 2) is [var provider, var model]
            ? decision with { Provider = provider, Model = model }
            : decision;
        usage.Record(call, recorded, error.Status, errorClass ?? ClosestClass(error), error.Code);
        return new CallOutcome<T, TAnswer>.Refused(decision, error);
    }

    /// <summary>
    /// For a refusal no provider answered: the provider error class that means the same, where one does (the row's
    /// error code says the rest; the ledger counts every status of 300 or more as an error either way).
    /// </summary>
    private static ErrorClass? ClosestClass(GatewayError error) => error.Code switch
    {
        "model_not_found" => ErrorClass.ModelNotFound,
        "context_length_exceeded" => ErrorClass.ContextLength,
        _ when error.Status is 400 or 422 => ErrorClass.InvalidRequest,
        _ => null,
    };
}
