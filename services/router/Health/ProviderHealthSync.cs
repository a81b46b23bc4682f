using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Health;

/// <summary>
/// Every few seconds: folds this replica's observations into <c>provider_health:{provider}</c>
/// (ETag-guarded, so replicas add up rather than overwrite), then reads every provider's record back
/// for the admin view and the shared latency averages. Never on the request path; a store outage
/// keeps the observations for the next round.
/// </summary>
internal sealed partial class ProviderHealthSync(
    ProviderHealthTracker tracker, IProviderHealthStore store, LatencyTracker latency, CircuitBreakerRegistry circuits, CatalogStore catalog,
    IOptions<RouterOptions> options, TimeProvider time, ILogger<ProviderHealthSync> logger) : PeriodicService(time)
{
    private const int MaxWriteAttempts = 8;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.Circuit.HealthSyncSeconds);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SyncAsync(cancellationToken);

    protected override void OnFailing(Exception exception) => Log.SyncFailed(logger, exception.GetType().Name);

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var seen = tracker.Drain();
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (provider, observations) in seen)
            {
                if (await WriteAsync(provider, observations, cancellationToken))
                {
                    written.Add(provider);
                }
            }
        }
        finally
        {
            // What did not reach the store (contended, or the store failed midway) is kept for the next round, once.
            foreach (var (provider, observations) in seen)
            {
                if (!written.Contains(provider))
                {
                    tracker.Restore(provider, observations);
                }
            }
        }
        var providers = catalog.Current.Providers.Union(seen.Keys, StringComparer.OrdinalIgnoreCase).ToList();
        var shared = await store.GetManyAsync(providers, cancellationToken);
        tracker.SetShared(shared.ToDictionary(h => h.Provider, StringComparer.OrdinalIgnoreCase));
        latency.SetShared(shared.SelectMany(h => h.LatencyMs).GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase));
    }

    private async Task<bool> WriteAsync(string provider, ProviderHealthTracker.Observations observations, CancellationToken cancellationToken)
    {
        var circuit = CircuitPolicy.Effective(circuits.View(StateKeys.ProviderCircuit(provider)), Time.GetUtcNow());
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var stored = await store.GetAsync(provider, cancellationToken);
            var merged = ProviderHealthMerge.Merge(stored.Health, provider, observations, latency.Local(provider), circuit, Time.GetUtcNow());
            if (await store.TrySaveAsync(merged, stored.ETag, cancellationToken))
            {
                return true;
            }
        }
        Log.Contended(logger, provider);
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(1231, LogLevel.Warning, "Provider health sync with the state store failed ({Failure}); observations kept for the next round")]
        public static partial void SyncFailed(ILogger logger, string failure);

        [LoggerMessage(1232, LogLevel.Warning, "Provider health record for {Provider} stayed contended; retried next round")]
        public static partial void Contended(ILogger logger, string provider);
    }
}
