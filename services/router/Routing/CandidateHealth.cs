using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Router.Circuits;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// The routing engine's health filter: providers cooling down, open circuits, and provider windows this replica
/// already knows are spent (a free tier's minute or day, until it resets) are out.
/// </summary>
internal sealed class CandidateHealth(ProviderCooldowns cooldowns, CircuitBreakerRegistry circuits, ProviderWindowGuard windows) : ICandidateHealth
{
    public HealthVerdict Check(CatalogModel model, DateTimeOffset now)
    {
        if (cooldowns.Find(model.Provider, model.Model, now) is { } benched)
        {
            return HealthVerdict.Unavailable($"benched ({benched.Reason})", benched.Until);
        }
        if (windows.Blocked(model, now) is { } spent)
        {
            return HealthVerdict.Unavailable(spent.Reason, spent.Until);
        }
        var (available, reason, retryAt) = circuits.Check(model.Provider, model.Model, now);
        return available ? HealthVerdict.Healthy : HealthVerdict.Unavailable(reason ?? "circuit open", retryAt);
    }
}
