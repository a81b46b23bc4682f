using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Bench;

/// <summary>
/// Local benches: providers (or provider models) out of quota or rate-limited until a reset time.
/// Fed by this replica's failures and by the shared view of other replicas' benches.
/// </summary>
internal sealed class ProviderBench
{
    private readonly ConcurrentDictionary<string, BenchEntry> _benched = new(StringComparer.OrdinalIgnoreCase);

    public void Bench(string scope, DateTimeOffset until, string reason) =>
        _benched.AddOrUpdate(scope, new BenchEntry(until, reason),
            (_, existing) => existing.Until >= until ? existing : new BenchEntry(until, reason));

    /// <summary>The active bench of a provider or of its model, if any.</summary>
    public BenchEntry? Find(string provider, string model, DateTimeOffset now)
    {
        if (_benched.IsEmpty)
        {
            return null;
        }
        if (_benched.TryGetValue(QuotaScopes.Provider(provider), out var p) && p.Until > now)
        {
            return p;
        }
        return _benched.TryGetValue(QuotaScopes.ProviderModel(provider, model), out var m) && m.Until > now ? m : null;
    }

    public sealed record BenchEntry(DateTimeOffset Until, string Reason);
}
