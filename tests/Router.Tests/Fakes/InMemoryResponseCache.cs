using System.Collections.Concurrent;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Fakes;

internal sealed class InMemoryResponseCache : IResponseCache
{
    public ConcurrentDictionary<string, (CachedCompletion Value, int Ttl)> Items { get; } = new();
    public int Reads;

    /// <summary>Simulates the state store being down: every call throws.</summary>
    public bool Unavailable { get; set; }

    public Task<CachedCompletion?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
        return Task.FromResult(Items.TryGetValue(key, out var item) ? item.Value : null);
    }

    public Task SetAsync(string key, CachedCompletion value, int ttlSeconds, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
        Items[key] = (value, ttlSeconds);
        return Task.CompletedTask;
    }
}
