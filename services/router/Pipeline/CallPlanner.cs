using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>Validation → token count → route plan → cache decision → budget reservation.</summary>
internal sealed class CallPlanner(
    CatalogStore catalog, RoutingEngine routing, TokenCounter tokens, BudgetGuard budget,
    IOptions<RouterOptions> options, TimeProvider time)
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
            task.CacheTtlSeconds > 0 ? task.CacheTtlSeconds : 0, settings.Cache.Enabled);
        var slot = decision.Store ? new CacheSlot(CacheKeyBuilder.Build(call.Identity.KeyId, call.TaskType, call.Request), decision.Lookup, decision.TtlSeconds) : null;
        return Step<PreparedCall>.Pass(new PreparedCall(call, plan, query, slot));
    }

    public async Task<Step<Reservation>> ReserveAsync(PreparedCall prepared, CancellationToken cancellationToken)
    {
        var need = new LeaseAmounts(1, prepared.EstimatedTokens, prepared.EstimatedCostMicros);
        var (ticket, error) = await budget.ReserveAsync(prepared.Call.Identity.KeyId, need, cancellationToken);
        return error is null ? Step<Reservation>.Pass(new Reservation(ticket, need)) : Step<Reservation>.Refuse(error);
    }

    public void Settle(Reservation reservation, long costMicros, int totalTokens) =>
        budget.Settle(reservation.Ticket, new LeaseAmounts(1, totalTokens, costMicros));

    public long? BudgetRemaining(ChatCall call) => budget.RemainingCostMicros(call.Identity.KeyId);
}
