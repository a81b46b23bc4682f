using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>Whether a candidate may be tried now; when not, why and until when.</summary>
internal readonly record struct HealthVerdict(bool Available, string? Reason, DateTimeOffset? RetryAt)
{
    public static readonly HealthVerdict Healthy = new(true, null, null);
    public static HealthVerdict Unavailable(string reason, DateTimeOffset? retryAt) => new(false, reason, retryAt);
}

/// <summary>Health filters the routing engine consults (provider cooldowns, circuit breakers, spent provider windows).</summary>
internal interface ICandidateHealth
{
    HealthVerdict Check(CatalogModel model, DateTimeOffset now);
}
