using Dapr.AiProvider.Router.Routing;
using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Cooldowns;

/// <summary>
/// Local cooldowns: providers (or provider models) out of quota or rate-limited until a reset time.
/// Fed by this replica's failures and by the shared view of other replicas' cooldowns.
/// </summary>
internal sealed class ProviderCooldowns
{
    private readonly ConcurrentDictionary<string, Cooldown> _cooling = new(StringComparer.OrdinalIgnoreCase);

    // Entries are never removed, so this says "empty" exactly; ConcurrentDictionary.IsEmpty takes every lock of the
    // dictionary when it is empty, on every routed request (lock contention on the cache-hit path, docs/benchmarks-peer.md).
    private volatile bool _anyStarted;

    public void Start(string scope, DateTimeOffset until, string reason)
    {
        _cooling.AddOrUpdate(scope, new Cooldown(until, reason),
            (_, existing) => existing.Until >= until ? existing : new Cooldown(until, reason));
        _anyStarted = true;
    }

    /// <summary>The active cooldown of a provider or of its model, if any.</summary>
    public Cooldown? Find(string provider, string model, DateTimeOffset now)
    {
        if (!_anyStarted)
        {
            return null;
        }
        if (_cooling.TryGetValue(QuotaScopes.Provider(provider), out var p) && p.Until > now)
        {
            return p;
        }
        return _cooling.TryGetValue(QuotaScopes.ProviderModel(provider, model), out var m) && m.Until > now ? m : null;
    }

    public sealed record Cooldown(DateTimeOffset Until, string Reason);
}
