using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Router.Circuits;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>The routing engine's health filter: providers cooling down and open circuits are out.</summary>
internal sealed class CandidateHealth(ProviderCooldowns cooldowns, CircuitBreakerRegistry circuits) : ICandidateHealth
{
    public HealthVerdict Check(string provider, string model, DateTimeOffset now)
    {
        if (cooldowns.Find(provider, model, now) is { } benched)
        {
            return HealthVerdict.Unavailable($"benched ({benched.Reason})", benched.Until);
        }
        var (available, reason, retryAt) = circuits.Check(provider, model, now);
        return available ? HealthVerdict.Healthy : HealthVerdict.Unavailable(reason ?? "circuit open", retryAt);
    }
}
