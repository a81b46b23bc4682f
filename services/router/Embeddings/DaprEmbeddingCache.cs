using System.Globalization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.State;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>Cached embeddings in <c>statestore</c> under <c>cache:embeddings:{sha256}</c>, expiring through <c>ttlInSeconds</c>.</summary>
internal sealed class DaprEmbeddingCache(DaprClient dapr) : IEmbeddingCache
{
    public Task<CachedEmbeddings?> GetAsync(string key, CancellationToken cancellationToken) =>
        dapr.GetStateAsync<CachedEmbeddings?>(DaprNames.StateStore, StateKeys.CachedEmbeddings(key), cancellationToken: cancellationToken);

    public Task SetAsync(string key, CachedEmbeddings value, int ttlSeconds, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.CachedEmbeddings(key), value,
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ttlSeconds.ToString(CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken);
}
