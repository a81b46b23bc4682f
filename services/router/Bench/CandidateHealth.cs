using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Bench;

/// <summary>The routing engine's health filter: benched providers and open circuits are out.</summary>
internal sealed class CandidateHealth(ProviderBench bench, CircuitBreakerRegistry circuits) : ICandidateHealth
{
    public HealthVerdict Check(string provider, string model, DateTimeOffset now)
    {
        if (bench.Find(provider, model, now) is { } benched)
        {
            return HealthVerdict.Unavailable($"benched ({benched.Reason})", benched.Until);
        }
        var (available, reason, retryAt) = circuits.Check(provider, model, now);
        return available ? HealthVerdict.Healthy : HealthVerdict.Unavailable(reason ?? "circuit open", retryAt);
    }
}
