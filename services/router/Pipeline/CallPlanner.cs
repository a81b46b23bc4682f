using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Options;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>Validation → token count → route plan → cache decision → budget reservation.</summary>
internal sealed class CallPlanner(
    CatalogStore catalog, RoutingEngine routing, TokenCounter tokens, BudgetGuard budget,
    IOptions<RouterOptions> options, TimeProvider time)
{
    public async Task<(PreparedCall? Prepared, GatewayError? Error)> PrepareAsync(ChatCall call, CancellationToken cancellationToken)
    {
        if (ChatRequestValidator.Validate(call.Request) is { } invalid)
        {
            return (null, invalid);
        }
        var settings = options.Value;
        if (!settings.TaskTypes.TryGetValue(call.TaskType, out var task))
        {
            return (null, GatewayError.Unprocessable(
                $"Unknown task type '{call.TaskType}'. Known: {string.Join(", ", settings.TaskTypes.Keys.Order(StringComparer.Ordinal))}.", "taskType"));
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
            return (null, noRoute);
        }
        var decision = CacheDecision.For(call.Request, call.CacheControl, call.CacheHeader,
            task.CacheTtlSeconds > 0 ? task.CacheTtlSeconds : 0, settings.Cache.Enabled);
        var key = decision.Lookup || decision.Store ? CacheKeyBuilder.Build(call.Identity.KeyId, call.TaskType, call.Request) : null;
        return (new PreparedCall(call, plan, query, decision, key), null);
    }

    public async Task<(Reservation? Reservation, GatewayError? Error)> ReserveAsync(PreparedCall prepared, CancellationToken cancellationToken)
    {
        var need = new LeaseAmounts(1, prepared.EstimatedTokens, prepared.EstimatedCostMicros);
        var (ticket, error) = await budget.ReserveAsync(prepared.Call.Identity.KeyId, need, cancellationToken);
        return error is null ? (new Reservation(ticket, need), null) : (null, error);
    }

    public void Settle(Reservation reservation, long costMicros, int totalTokens) =>
        budget.Settle(reservation.Ticket, new LeaseAmounts(1, totalTokens, costMicros));

    public long? BudgetRemaining(ChatCall call) => budget.RemainingCostMicros(call.Identity.KeyId);
}
