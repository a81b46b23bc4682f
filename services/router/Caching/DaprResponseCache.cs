using Dapr.AiProvider.Router.State;
using System.Globalization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ServiceDefaults.Time;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>Cached answers in <c>statestore</c> under <c>cache:{sha256}</c>, expiring through <c>ttlInSeconds</c>
/// (in real seconds: <see cref="ScaledClock.RealSeconds"/>).</summary>
internal sealed class DaprResponseCache(DaprClient dapr, TimeProvider time) : IResponseCache
{
    public Task<CachedCompletion?> GetAsync(string key, CancellationToken cancellationToken) =>
        dapr.GetStateAsync<CachedCompletion?>(DaprNames.StateStore, StateKeys.CachedAnswer(key), cancellationToken: cancellationToken);

    public Task SetAsync(string key, CachedCompletion value, int ttlSeconds, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(DaprNames.StateStore, StateKeys.CachedAnswer(key), value,
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ScaledClock.RealSeconds(time, ttlSeconds).ToString(CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken);
}
