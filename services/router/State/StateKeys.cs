using System.Globalization;

namespace Dapr.AiProvider.Router.State;

/// <summary>
/// Every key the router writes to the <c>statestore</c> component, in one place (daprd prefixes them with the
/// app id on disk). Shared by all router replicas; the formats are part of the upgrade contract between versions.
/// </summary>
internal static class StateKeys
{
    /// <summary>A cached answer: <c>cache:{sha256 of tenant + normalised request}</c>.</summary>
    public static string CachedAnswer(string cacheKey) => "cache:" + cacheKey;

    /// <summary>Cached embeddings: <c>cache:embeddings:{sha256 of tenant + model + dimensions + inputs}</c>.</summary>
    public static string CachedEmbeddings(string cacheKey) => "cache:embeddings:" + cacheKey;

    /// <summary>The prefix of every circuit record (the admin API refuses to reset anything else).</summary>
    public const string CircuitPrefix = "circuit:";

    /// <summary>A provider's circuit: <c>circuit:{provider}</c>.</summary>
    public static string ProviderCircuit(string provider) => $"{CircuitPrefix}{provider}";

    /// <summary>A model's circuit: <c>circuit:{provider}:{model}</c>.</summary>
    public static string ModelCircuit(string provider, string model) => $"{CircuitPrefix}{provider}:{model}";

    /// <summary>The merged health of a provider: <c>provider_health:{provider}</c>.</summary>
    public static string ProviderHealth(string provider) => $"provider_health:{provider}";

    /// <summary>A caller's counter for one minute: <c>ratelimit:{subject}:{yyyyMMddHHmm}</c>.</summary>
    public static string RateWindow(string subject, DateTimeOffset windowStart) =>
        $"ratelimit:{subject}:{windowStart.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";

    /// <summary>The response cache's purge generations (Caching/CacheGenerations).</summary>
    public const string CachePurges = "admin:cache-purges";

    /// <summary>Providers switched off by an admin.</summary>
    public const string DisabledProviders = "admin:disabled-providers";

    /// <summary>Apps of the mesh admitted by their Dapr identity (<c>MeshApps</c>).</summary>
    public const string MeshApps = "admin:mesh-apps";
}
