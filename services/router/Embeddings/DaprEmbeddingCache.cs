using System.Globalization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.ServiceDefaults.Time;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>Cached embeddings in <c>statestore</c> under <c>cache:embeddings:{sha256}</c>, expiring through <c>ttlInSeconds</c>
/// (in real seconds: <see cref="ScaledClock.RealSeconds"/>).</summary>
internal sealed class DaprEmbeddingCache(DaprClient dapr, TimeProvider time) : IEmbeddingCache
{
    public Task<CachedEmbeddings?> GetAsync(string key, CancellationToken cancellationToken) =>
        dapr.GetStateAsync<CachedEmbeddings?>(DaprNames.StateStore, StateKeys.CachedEmbeddings(key), cancellationToken: cancellationToken);

    public Task SetAsync(string key, CachedEmbeddings value, int ttlSeconds, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.CachedEmbeddings(key), value,
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ScaledClock.RealSeconds(time, ttlSeconds).ToString(CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken);
}
