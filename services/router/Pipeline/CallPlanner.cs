using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// Validation → token count → route plan → cache decision → budget reservation; then, before each attempt, the
/// candidate's provider windows and any budget top-up it needs (<see cref="AttemptAsync{T}"/>).
/// </summary>
internal sealed class CallPlanner(
    CatalogStore catalog, RoutingEngine routing, TokenCounter tokens, BudgetGuard budget, ProviderWindowGuard windows,
    CooldownCoordinator cooldowns, CacheGenerations generations, IOptions<RouterOptions> options, TimeProvider time)
{
    public async Task<Step<PreparedCall>> PrepareAsync(ChatCall call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (ChatRequestValidator.Validate(call.Request, settings.Limits) is { } invalid)
        {
            return Step<PreparedCall>.Refuse(invalid);
        }
        if (!settings.TaskTypes.TryGetValue(call.TaskType, out var task))
        {
            return Step<PreparedCall>.Refuse(GatewayError.Unprocessable(
                $"Unknown task type '{call.RequestedTaskType}'. Known: {string.Join(", ", settings.TaskTypes.Keys.Order(StringComparer.Ordinal))}.", "taskType"));
        }
        var query = new RouteQuery
        {
            Model = call.Request.Model,
            TaskType = call.TaskType,
            RequiredCapabilities = ChatRequestValidator.RequiredCapabilities(call.Request, call.Stream),
            PromptTokens = tokens.CountPrompt(call.Request),
            MaxOutputTokens = call.Request.OutputTokenLimit,
            Strategy = call.Strategy,
            AllowedProviders = call.Identity.AllowedProviders,
            AllowedModels = call.Identity.AllowedModels,
        };
        var snapshot = await catalog.EnsureLoadedAsync(cancellationToken);
        var plan = routing.Plan(query, snapshot, time.GetUtcNow());
        if (plan.Error is { } noRoute)
        {
            return Step<PreparedCall>.Refuse(noRoute);
        }
        var decision = CacheDecision.For(call.Request, call.CacheControl, call.CacheHeader,
            task.CacheTtlSeconds > 0 ? task.CacheTtlSeconds : 0, settings.Cache.Enabled, task.CachedByDefault);
        var slot = decision.Store ? new CacheSlot(CacheKeyBuilder.Build(call.Identity.KeyId, call.TaskType, call.Request, generations.For(call.Identity.KeyId, call.Request.Model)), decision.Lookup, decision.TtlSeconds) : null;
        return Step<PreparedCall>.Pass(new PreparedCall(call, plan, query, slot));
    }

    public async Task<Step<Reservation>> ReserveAsync(PreparedCall prepared, CancellationToken cancellationToken)
    {
        var need = new LeaseAmounts(1, prepared.EstimatedTokens, prepared.EstimatedCostMicros);
        var identity = prepared.Call.Identity;
        var (ticket, error) = await budget.ReserveAsync(identity.KeyId, identity.Team, need, cancellationToken);
        return error is null ? Step<Reservation>.Pass(new Reservation(ticket, need)) : Step<Reservation>.Refuse(error);
    }

    /// <summary>
    /// One attempt within the limits: tops the budget reservation up when <paramref name="candidate"/> may cost more
    /// than what is reserved, reserves its provider windows, then sends. A candidate the budget or a window cannot take
    /// is skipped without calling it; a failed attempt's windows are charged the request it made. A request whose window
    /// lease ended before provider-adapters could send it (<see cref="ErrorClass.WindowLeaseEnded"/>: it would reach the
    /// provider in a window the lease was not counted in) never left: it is leased again and resent, a bounded number of
    /// times, then the candidate is skipped.
    /// </summary>
    /// <param name="send">Sends to the candidate; its first argument is the instant by which the request must leave
    /// (<see cref="WindowPass.SendBy"/>).</param>
    public async Task<AttemptOutcome<T>> AttemptAsync<T>(
        PreparedCall prepared, Reservation reservation, Candidate candidate,
        Func<DateTimeOffset?, CancellationToken, Task<AttemptOutcome<T>>> send, CancellationToken cancellationToken)
    {
        var need = new LeaseAmounts(1, candidate.EstimatedTokens, candidate.EstimatedCostMicros);
        var extra = new LeaseAmounts(0, Math.Max(0, need.Tokens - reservation.Reserved.Tokens), Math.Max(0, need.CostMicros - reservation.Reserved.CostMicros));
        if (extra != LeaseAmounts.Zero)
        {
            var identity = prepared.Call.Identity;
            var (more, refused) = await budget.ReserveAsync(identity.KeyId, identity.Team, extra, cancellationToken);
            if (refused is not null)
            {
                // budget_exceeded, or quota_service_unavailable when quota cannot be asked and the gateway fails closed.
                return AttemptOutcome<T>.NotSent(refused.Code, refused.RetryAt);
            }
            reservation.TopUp(more, extra);
        }
        var proactive = options.Value.FreeWindows.Proactive;
        for (var leases = 1; ; leases++)
        {
            var pass = proactive ? await windows.ReserveAsync(candidate.Model, need, cancellationToken) : WindowPass.Open;
            if (pass.Refusal is { } reason)
            {
                return AttemptOutcome<T>.NotSent(reason, pass.RetryAt);
            }
            // Sent here rather than in a method of its own: one async layer less on every request.
            AttemptOutcome<T>? outcome = null;
            try
            {
                outcome = await send(pass.SendBy, cancellationToken);
            }
            finally
            {
                SettleWindows(reservation, candidate, pass, outcome);
            }
            if (outcome is not AttemptOutcome<T>.Failed { Error.Class: ErrorClass.WindowLeaseEnded })
            {
                return outcome;
            }
            if (leases == MaxLeasesPerAttempt)
            {
                return AttemptOutcome<T>.NotSent(WindowLeaseEnded, null);
            }
        }
    }

    /// <summary>Leases tried for one candidate when each ends before the request leaves (a box too loaded to send in time).</summary>
    private const int MaxLeasesPerAttempt = 3;

    /// <summary>Skip reason of a candidate whose every lease ended before its request could leave.</summary>
    public const string WindowLeaseEnded = "window_lease_ended";

    /// <summary>What an attempt's provider windows are charged once it ended (<paramref name="outcome"/> null: it threw).</summary>
    private void SettleWindows<T>(Reservation reservation, Candidate candidate, WindowPass pass, AttemptOutcome<T>? outcome)
    {
        switch (outcome)
        {
            case AttemptOutcome<T>.Succeeded:
                reservation.Windows = pass; // settled with the real use when the answer ends
                reservation.Winner = candidate.Model;
                break;
            case AttemptOutcome<T>.Failed { Error.Class: not ErrorClass.WindowLeaseEnded } failed:
                windows.Settle(pass, new LeaseAmounts(1, 0, 0)); // the provider saw (and counts) the request
                if (options.Value.FreeWindows.Proactive)
                {
                    _ = windows.LearnAsync(candidate.Model, failed.Error.LearnedLimits); // told in the background
                }
                break;
            default:
                windows.Settle(pass, LeaseAmounts.Zero); // never reached the provider, or the caller left
                break;
        }
    }

    /// <param name="headroom">What the provider said is left (its rate-limit headers), when it said.</param>
    public void Settle(Reservation reservation, long costMicros, int totalTokens, ProviderHeadroom? headroom = null)
    {
        var actual = new LeaseAmounts(1, totalTokens, costMicros);
        budget.Settle(reservation.Ticket, actual);
        windows.Settle(reservation.Windows, actual);
        reservation.Windows = WindowPass.Open;
        if (reservation.Winner is { } model && headroom is not null && options.Value.FreeWindows.Proactive)
        {
            Correct(model, headroom);
        }
    }

    /// <summary>
    /// Live signals correct the windows: stated limits replace the catalog's, and a provider saying nothing is left
    /// (remaining 0 with a reset time) benches the model until then on every replica, as a 429 would, but before one.
    /// </summary>
    private void Correct(CatalogModel model, ProviderHeadroom headroom)
    {
        _ = windows.LearnAsync(model, headroom.Limits); // told in the background
        var now = time.GetUtcNow();
        var until = (headroom.RemainingRequests == 0 && headroom.RequestsResetAt > now ? headroom.RequestsResetAt : null)
                    ?? (headroom.RemainingTokens == 0 && headroom.TokensResetAt > now ? headroom.TokensResetAt : null);
        if (until is not null)
        {
            cooldowns.Apply(new AdapterError
            {
                Class = ErrorClass.RateLimited, Message = "the provider's headers say nothing is left until the reset",
                Provider = model.Provider, Model = model.Model, RetryAt = until, PerModel = model.FreeWindows is not { Scope: "account" },
            });
        }
    }

    public long? BudgetRemaining(ChatCall call) => budget.RemainingCostMicros(call.Identity.KeyId);
}
