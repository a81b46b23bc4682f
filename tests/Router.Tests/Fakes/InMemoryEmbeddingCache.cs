using System.Collections.Concurrent;
using Dapr.AiProvider.Router.Embeddings;

namespace Dapr.AiProvider.Router.Tests.Fakes;

internal sealed class InMemoryEmbeddingCache : IEmbeddingCache
{
    public ConcurrentDictionary<string, (CachedEmbeddings Value, int Ttl)> Items { get; } = new();

    /// <summary>Simulates the state store being down: every call throws.</summary>
    public bool Unavailable { get; set; }

    public Task<CachedEmbeddings?> GetAsync(string key, CancellationToken cancellationToken) => Unavailable
        ? throw new InvalidOperationException("state store unavailable")
        : Task.FromResult(Items.TryGetValue(key, out var item) ? item.Value : null);

    public Task SetAsync(string key, CachedEmbeddings value, int ttlSeconds, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
        Items[key] = (value, ttlSeconds);
        return Task.CompletedTask;
    }
}
