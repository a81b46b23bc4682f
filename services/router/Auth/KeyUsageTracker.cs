using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>Remembers which keys were used since the last flush (one entry per key, latest time wins).</summary>
internal sealed class KeyUsageTracker
{
    private ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public void Seen(string keyId, DateTimeOffset at) => _seen[keyId] = at;

    /// <summary>Takes everything seen so far and starts a new batch.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Drain() =>
        Interlocked.Exchange(ref _seen, new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
}
