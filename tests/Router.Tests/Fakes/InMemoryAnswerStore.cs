using System.Collections.Concurrent;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>The shared answer cache of one kind (chat completions, embeddings) in memory.</summary>
internal sealed class InMemoryAnswerStore<TAnswer> : IAnswerStore<TAnswer>
    where TAnswer : CachedAnswer
{
    public ConcurrentDictionary<string, (TAnswer Value, int Ttl)> Items { get; } = new();
    public int Reads;

    /// <summary>Simulates the state store being down: every call throws.</summary>
    public bool Unavailable { get; set; }

    public Task<TAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
        return Task.FromResult(Items.TryGetValue(key, out var item) ? item.Value : null);
    }

    public Task SetAsync(string key, TAnswer value, int ttlSeconds, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
        Items[key] = (value, ttlSeconds);
        return Task.CompletedTask;
    }
}
