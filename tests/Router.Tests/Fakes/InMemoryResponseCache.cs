using System.Collections.Concurrent;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Fakes;

public sealed class InMemoryResponseCache : IResponseCache
{
    public ConcurrentDictionary<string, (CachedCompletion Value, int Ttl)> Items { get; } = new();
    public int Reads;

    public Task<CachedCompletion?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        return Task.FromResult(Items.TryGetValue(key, out var item) ? item.Value : null);
    }

    public Task SetAsync(string key, CachedCompletion value, int ttlSeconds, CancellationToken cancellationToken)
    {
        Items[key] = (value, ttlSeconds);
        return Task.CompletedTask;
    }
}
